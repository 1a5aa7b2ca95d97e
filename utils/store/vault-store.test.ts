import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { setDuressPassphrase } from '../vault';
import { FAST_ARGON } from '../vault/test-support';
import { CHUNK_SIZE, EvidenceDb } from './db';
import { beginStagedArtifact } from './staging';
import { getItem, readArtifactBytes, saveCapture, setNotes } from './items';
import { StoreLockedError } from './store-crypto';
import { sampleCapture } from './test-support';
import {
  changeStorePassphrase,
  enableEncryption,
  HEADER_KEY,
  loadVaultState,
  lockStore,
  readVaultHeader,
  resumeStore,
  unlockStore,
} from './vault-store';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const SECRET = 'Hornwrack-12 обыск в редакции';
const PASS = 'correct horse battery staple';
const vault = { argon: FAST_ARGON };

async function storeWithItem() {
  const name = `vault-store-${crypto.randomUUID()}`;
  names.push(name);
  const db = new EvidenceDb(name);
  const item = await saveCapture(db, sampleCapture({ title: SECRET, text: SECRET }));
  await setNotes(db, item.id, SECRET);
  return { name, db, item };
}

/** Every stored row except the vault header, raw (no layer). */
async function rawRows(name: string): Promise<string> {
  const raw = new Dexie(name);
  await raw.open();
  const out: unknown[] = [];
  for (const t of raw.tables)
    for (const row of (await t.toArray()) as Array<Record<string, unknown>>)
      if (row.key !== HEADER_KEY)
        out.push([
          t.name,
          row,
          row.data instanceof Uint8Array ? Buffer.from(row.data).toString('hex') : null,
        ]);
  raw.close();
  return JSON.stringify(out);
}

describe('the vault in the store', () => {
  it('turning encryption on converts the store; lock refuses reads and writes; unlock opens it', async () => {
    const { name, db, item } = await storeWithItem();
    expect(await loadVaultState(db)).toBe('clear');
    expect(await rawRows(name)).toContain('Hornwrack');
    const { sessionSecret, marker } = await enableEncryption(db, PASS, { vault });
    expect(marker.phase).toBe('done');
    expect(sessionSecret).toHaveLength(32);
    expect(await rawRows(name)).not.toContain('Hornwrack');
    expect((await getItem(db, item.id))?.notes).toBe(SECRET);
    await expect(enableEncryption(db, PASS, { vault })).rejects.toThrow(/already on/);

    lockStore(db);
    await expect(getItem(db, item.id)).rejects.toThrow(StoreLockedError);
    const before = await rawRows(name);
    await expect(saveCapture(db, sampleCapture({ title: 'while locked' }))).rejects.toThrow(
      StoreLockedError,
    );
    await expect(beginStagedArtifact(db)).rejects.toThrow(StoreLockedError);
    expect(await rawRows(name)).toBe(before); // nothing half-written, nothing in clear

    // A new connection (another page, a restarted worker) starts locked.
    const other = new EvidenceDb(name);
    expect(await loadVaultState(other)).toBe('locked');
    expect(await unlockStore(other, 'wrong passphrase')).toEqual({ result: 'wrong' });
    await expect(getItem(other, item.id)).rejects.toThrow(StoreLockedError);
    const r = await unlockStore(other, PASS);
    expect(r.result).toBe('unlock');
    expect(await loadVaultState(other)).toBe('unlocked');
    expect((await getItem(other, item.id))?.title).toBe(SECRET);
    const bytes = await readArtifactBytes(other, item.artifacts[0]!.artifact_id);
    expect(new TextDecoder().decode(bytes)).toContain('Активиста');
    other.close();

    // The session secret opens it without the passphrase (worker restart).
    const third = new EvidenceDb(name);
    await resumeStore(third, sessionSecret);
    expect((await getItem(third, item.id))?.notes).toBe(SECRET);
    third.close();
    db.close();
  });

  it('a file being streamed in when the store locks is not written on in clear', async () => {
    const { name, db } = await storeWithItem();
    await enableEncryption(db, PASS, { vault });
    const s = await beginStagedArtifact(db);
    await s.write(new Uint8Array(CHUNK_SIZE + 10).fill(9));
    lockStore(db);
    // The chunk already full is written when the next bytes arrive; its failure is reported
    // by that write or the next call (the stager's usual way), and the file is never finished.
    const failed = await s
      .write(new Uint8Array(CHUNK_SIZE).fill(9))
      .then(
        () => s.finish(),
        (e: unknown) => Promise.reject(e as Error),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(failed).toBeInstanceOf(StoreLockedError);
    const raw = new Dexie(name);
    await raw.open();
    const chunks = (await raw.table('chunks').toArray()) as Array<{ enc?: number }>;
    raw.close();
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.enc === 1)).toBe(true);
    db.close();
  });

  it('the duress passphrase is recognised and does not unlock', async () => {
    const { db } = await storeWithItem();
    await enableEncryption(db, PASS, { vault });
    const header = (await readVaultHeader(db))!;
    await db.settings.put({
      key: HEADER_KEY,
      value: await setDuressPassphrase(header, PASS, 'erase it all'),
    });
    lockStore(db);
    expect(await unlockStore(db, 'erase it all')).toEqual({ result: 'duress' });
    expect(db.storeCrypto).toBeNull();
    db.close();
  });

  it('changing the passphrase re-wraps the key and touches no record or chunk', async () => {
    const { name, db, item } = await storeWithItem();
    await enableEncryption(db, PASS, { vault });
    const before = await rawRows(name);
    const headerBefore = (await readVaultHeader(db))!;
    await expect(changeStorePassphrase(db, 'not it', 'new one')).rejects.toThrow(/wrong/);
    await changeStorePassphrase(db, PASS, 'a new long passphrase');
    expect(await rawRows(name)).toBe(before);
    const headerAfter = (await readVaultHeader(db))!;
    expect(headerAfter.wrapped_data_key).not.toBe(headerBefore.wrapped_data_key);
    expect(headerAfter.sealing).toEqual(headerBefore.sealing);
    lockStore(db);
    expect((await unlockStore(db, PASS)).result).toBe('wrong');
    expect((await unlockStore(db, 'a new long passphrase')).result).toBe('unlock');
    expect((await getItem(db, item.id))?.title).toBe(SECRET);
    db.close();
  });
});
