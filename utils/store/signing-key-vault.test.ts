import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPack, writePack } from '../pack';
import { memorySink, memorySource } from '../pack/test-support';
import { FAST_ARGON } from '../vault/test-support';
import { EvidenceDb } from './db';
import { saveCapture } from './items';
import {
  getOrCreateSigningKey,
  keyLog,
  listKeys,
  protectSigningKeys,
  rotateSigningKey,
  setSignerLabel,
  storeSigner,
} from './keys';
import { buildPackInput } from './pack-input';
import { StoreLockedError } from './store-crypto';
import { contains, rawDump, sampleCapture } from './test-support';
import { enableEncryption, lockStore, unlockStore } from './vault-store';
import { utf8 } from '../hash';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const PASS = 'signing key passphrase';
const LABEL = 'Pseudonym Wrenfeather-64';
const generator = { name: 'protokol', version: '0', user_agent: 'vitest' };

function newDb(): EvidenceDb {
  const name = `signing-${crypto.randomUUID()}`;
  names.push(name);
  return new EvidenceDb(name);
}

async function pack(db: EvidenceDb, itemId: string): Promise<Uint8Array> {
  const { sink, bytes } = memorySink();
  await writePack(
    await buildPackInput(db, { itemIds: [itemId], generator }),
    sink,
    await storeSigner(db),
  );
  return bytes();
}

/** The raw rows of `keys` and `keyLog`, without the encryption layer. */
async function rawKeyRows(name: string): Promise<Array<Record<string, unknown>>> {
  const raw = new Dexie(name);
  await raw.open();
  const rows = [
    ...((await raw.table('keys').toArray()) as Array<Record<string, unknown>>),
    ...((await raw.table('keyLog').toArray()) as Array<Record<string, unknown>>),
  ];
  raw.close();
  return rows;
}

const hasCryptoKey = (rows: Array<Record<string, unknown>>) =>
  rows.some((r) => Object.values(r).some((v) => v instanceof CryptoKey));

describe('the signing key in an encrypted store', () => {
  it('is stored as sealed PKCS#8, never a CryptoKey, and signs packs that verify', async () => {
    const db = newDb();
    await enableEncryption(db, PASS, { vault: { argon: FAST_ARGON } });
    const key = await getOrCreateSigningKey(db);
    expect(key.private_key).toBeUndefined();
    expect(typeof key.pkcs8).toBe('string');
    await setSignerLabel(db, LABEL);
    const rows = await rawKeyRows(db.name);
    expect(rows.length).toBe(3); // the key, key_created, key_label_changed
    expect(hasCryptoKey(rows)).toBe(false);
    for (const r of rows) {
      expect(r).toHaveProperty('_enc');
      expect(r).not.toHaveProperty('pkcs8');
      expect(r).not.toHaveProperty('label');
    }
    // Neither the PKCS#8 nor the label is in any stored value.
    const dump = await rawDump(db.name);
    for (const needle of [utf8(key.pkcs8!), utf8(LABEL), utf8('Wrenfeather')])
      expect(dump.filter((d) => contains(d.bytes, needle)).map((d) => d.where)).toEqual([]);
    // Readable after unlock: the label, the log, and a pack that verifies with this key.
    expect((await listKeys(db))[0]).toMatchObject({ key_id: key.key_id, label: LABEL });
    expect((await listKeys(db))[0]).not.toHaveProperty('pkcs8');
    expect((await keyLog(db)).map((l) => l.action)).toEqual(['key_created', 'key_label_changed']);
    const item = await saveCapture(db, sampleCapture());
    const report = await verifyPack(memorySource(await pack(db, item.id)));
    expect(report.status).toBe('valid');
    expect(report.signer?.key_id).toBe(key.key_id);
    // Rotation keeps the form: the new key is sealed PKCS#8 too.
    const next = await rotateSigningKey(db);
    expect(next.pkcs8).toBeTruthy();
    expect(hasCryptoKey(await rawKeyRows(db.name))).toBe(false);
    expect((await verifyPack(memorySource(await pack(db, item.id)))).signer?.key_id).toBe(
      next.key_id,
    );
  });

  it('cannot sign or be made while the store is locked', async () => {
    const db = newDb();
    await enableEncryption(db, PASS, { vault: { argon: FAST_ARGON } });
    await getOrCreateSigningKey(db);
    lockStore(db);
    await expect(storeSigner(db)).rejects.toBeInstanceOf(StoreLockedError);
    const empty = newDb();
    await enableEncryption(empty, PASS, { vault: { argon: FAST_ARGON } });
    lockStore(empty);
    await expect(getOrCreateSigningKey(empty)).rejects.toBeInstanceOf(StoreLockedError);
    expect(await empty.keys.count()).toBe(0);
  });
});

describe('turning encryption on for a store with a signing key', () => {
  it('replaces a non-extractable key (it cannot be exported), logs why, and old packs still verify', async () => {
    const db = newDb();
    const item = await saveCapture(db, sampleCapture());
    const old = await getOrCreateSigningKey(db);
    expect(old.private_key?.extractable).toBe(false);
    await setSignerLabel(db, LABEL);
    const before = await pack(db, item.id);
    // The control: a clear store keeps the key as a stored CryptoKey (what the check looks for).
    expect(hasCryptoKey(await rawKeyRows(db.name))).toBe(true);
    await enableEncryption(db, PASS, { vault: { argon: FAST_ARGON } });
    const rows = await rawKeyRows(db.name);
    expect(hasCryptoKey(rows)).toBe(false);
    for (const r of rows) expect(r).toHaveProperty('_enc');
    const keys = await listKeys(db);
    const active = keys.filter((k) => k.active === 1);
    expect(active).toHaveLength(1);
    expect(active[0]!.key_id).not.toBe(old.key_id);
    expect(active[0]!.label).toBe(LABEL);
    const retired = keys.find((k) => k.key_id === old.key_id)!;
    expect(retired.active).toBe(0);
    expect(retired.retired_at).toBeTruthy();
    const log = await keyLog(db);
    expect(log.map((l) => l.action)).toEqual(['key_created', 'key_label_changed', 'key_rotated']);
    expect(log[2]).toMatchObject({
      previous_key_id: old.key_id,
      key_id: active[0]!.key_id,
      reason: 'not_exportable_at_encryption',
    });
    expect(log[1]!.label).toBe(LABEL);
    const dump = await rawDump(db.name);
    expect(dump.filter((d) => contains(d.bytes, utf8('Wrenfeather'))).map((d) => d.where)).toEqual(
      [],
    );
    // The pack signed with the old key still verifies (it carries its signer.pem); a new one too.
    expect((await verifyPack(memorySource(before))).status).toBe('valid');
    const after = await verifyPack(memorySource(await pack(db, item.id)));
    expect(after.status).toBe('valid');
    expect(after.signer?.key_id).toBe(active[0]!.key_id);
    // Running it again changes nothing.
    expect(await protectSigningKeys(db)).toEqual({ rotated: 0 });
    expect(await keyLog(db)).toHaveLength(3);
    // And after a lock and unlock the key still signs.
    lockStore(db);
    await unlockStore(db, PASS);
    expect((await verifyPack(memorySource(await pack(db, item.id)))).status).toBe('valid');
  });

  it('re-wraps an exportable key in place: same key, no rotation', async () => {
    const db = newDb();
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ]));
    const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const keyId = Buffer.from(await crypto.subtle.digest('SHA-256', spki)).toString('hex');
    await db.keys.add({
      key_id: keyId,
      created_at: new Date().toISOString(),
      active: 1,
      spki_der: spki,
      private_key: pair.privateKey,
    });
    await db.keyLog.add({ at: new Date().toISOString(), action: 'key_created', key_id: keyId });
    await enableEncryption(db, PASS, { vault: { argon: FAST_ARGON } });
    expect(hasCryptoKey(await rawKeyRows(db.name))).toBe(false);
    const keys = await listKeys(db);
    expect(keys.map((k) => [k.key_id, k.active])).toEqual([[keyId, 1]]);
    expect((await keyLog(db)).map((l) => l.action)).toEqual(['key_created']);
    const item = await saveCapture(db, sampleCapture());
    const report = await verifyPack(memorySource(await pack(db, item.id)));
    expect(report.status).toBe('valid');
    expect(report.signer?.key_id).toBe(keyId);
  });
});
