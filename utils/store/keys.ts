/**
 * The profile's signing key in the store: made on first use, rotated on request, every change
 * written to an append-only key log. Old packs keep verifying after a rotation because each pack
 * carries its own signer.pem; the log shows which key signed when.
 */
import {
  createSigningKey,
  exportPkcs8,
  signingPrivateKey,
  signWith,
  type SigningKeyRecord,
} from '../keys/signing';
import type { EvidenceDb } from './db';

/** One line of the key log. */
export interface KeyLogRecord {
  seq?: number;
  at: string;
  action: 'key_created' | 'key_rotated' | 'key_label_changed';
  key_id: string;
  previous_key_id?: string;
  label?: string;
  /**
   * Why a rotation happened when it was not asked for: `not_exportable_at_encryption` — the
   * store was encrypted and the old private key, a non-extractable browser key, could not be
   * exported to be encrypted, so it was retired and a new key made.
   */
  reason?: 'not_exportable_at_encryption';
}

/** What the pack writer needs to sign a pack. */
export interface StoreSigner {
  keyId: string;
  spkiDer: Uint8Array;
  label?: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

async function activeKey(db: EvidenceDb): Promise<SigningKeyRecord | undefined> {
  return db.keys.where('active').equals(1).first();
}

/**
 * The key in use, created on first call. Two extension pages asking at once still end with one
 * key: the key is generated outside the transaction (WebCrypto is async) and kept only when no
 * other context stored one meanwhile.
 */
export async function getOrCreateSigningKey(db: EvidenceDb): Promise<SigningKeyRecord> {
  let existing = await activeKey(db);
  if (existing && db.storeCrypto && isClearKey(existing)) {
    await protectSigningKeys(db);
    existing = await activeKey(db);
  }
  if (existing) return existing;
  const fresh = await newKey(db);
  return db.transaction('rw', db.keys, db.keyLog, async () => {
    const raced = await activeKey(db);
    if (raced) return raced;
    await db.keys.add(fresh);
    await db.keyLog.add({ at: fresh.created_at, action: 'key_created', key_id: fresh.key_id });
    return fresh;
  });
}

/** Replace the key in use with a new one; the old one is retired, never deleted. */
export async function rotateSigningKey(db: EvidenceDb): Promise<SigningKeyRecord> {
  const fresh = await newKey(db);
  return db.transaction('rw', db.keys, db.keyLog, async () => {
    const old = await activeKey(db);
    if (old) await db.keys.update(old.key_id, { active: 0, retired_at: fresh.created_at });
    await db.keys.add({ ...fresh, label: old?.label });
    await db.keyLog.add({
      at: fresh.created_at,
      action: old ? 'key_rotated' : 'key_created',
      key_id: fresh.key_id,
      previous_key_id: old?.key_id,
    });
    return { ...fresh, label: old?.label };
  });
}

/** An optional pseudonym shown in packs (`signer.label`); empty removes it. */
export async function setSignerLabel(db: EvidenceDb, label: string): Promise<void> {
  const key = await getOrCreateSigningKey(db);
  const clean = label.trim().slice(0, 120);
  await db.transaction('rw', db.keys, db.keyLog, async () => {
    await db.keys.update(key.key_id, { label: clean || undefined });
    await db.keyLog.add({
      at: new Date().toISOString(),
      action: 'key_label_changed',
      key_id: key.key_id,
      label: clean,
    });
  });
}

export async function listKeys(db: EvidenceDb): Promise<SigningKeyRecord[]> {
  return (await db.keys.toArray())
    .map(({ pkcs8: _secret, ...rest }) => rest)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export async function keyLog(db: EvidenceDb): Promise<KeyLogRecord[]> {
  return db.keyLog.orderBy('seq').toArray();
}

export async function storeSigner(db: EvidenceDb): Promise<StoreSigner> {
  const key = await getOrCreateSigningKey(db);
  return {
    keyId: key.key_id,
    spkiDer: key.spki_der,
    label: key.label,
    sign: async (bytes) => signWith(await signingPrivateKey(key), bytes),
  };
}

/** A new key in the form this store keeps: wrapped (PKCS#8, sealed) when it is encrypted. */
function newKey(db: EvidenceDb): Promise<SigningKeyRecord> {
  return createSigningKey(undefined, { wrapped: db.storeCrypto !== null || db.vaultLocked });
}

/** A key record as a clear store keeps it: a CryptoKey, no sealed PKCS#8. */
function isClearKey(r: SigningKeyRecord): boolean {
  return r.private_key !== undefined && r.pkcs8 === undefined;
}

/**
 * In an encrypted, unlocked store: no signing key may stay a stored CryptoKey (Chromium keeps
 * its key material in the database files in clear). Each clear key record is rewritten sealed:
 * with its PKCS#8 when the key can be exported; otherwise (keys made in a clear store are
 * non-extractable) without it, retired, and, if it was the key in use, replaced by a new key,
 * the rotation logged with its reason. Key log entries (labels) are rewritten sealed too.
 * Safe to run again. Called when encryption is turned on and whenever a clear key is met.
 */
export async function protectSigningKeys(db: EvidenceDb): Promise<{ rotated: number }> {
  if (!db.storeCrypto) throw new Error('protectSigningKeys needs the unlocked store');
  let rotated = 0;
  const clear = (await db.keys.toArray()).filter(isClearKey);
  if (clear.length === 0) return { rotated };
  // A clear key means a log written in clear: its labels are rewritten sealed first (sealing
  // again is harmless, so an interrupted run simply does it again).
  await db.transaction('rw', db.keyLog, async () => {
    const rows = await db.keyLog.toArray();
    if (rows.length > 0) await db.keyLog.bulkPut(rows);
  });
  for (const r of clear) {
    const key = r.private_key!;
    const { private_key: _drop, ...rest } = r;
    if (key.extractable) {
      const pkcs8 = await exportPkcs8(key);
      await db.transaction('rw', db.keys, async () => {
        const now = await db.keys.get(r.key_id);
        if (now && isClearKey(now)) await db.keys.put({ ...rest, pkcs8 });
      });
      continue;
    }
    const fresh = r.active === 1 ? await newKey(db) : undefined;
    const at = fresh?.created_at ?? new Date().toISOString();
    await db.transaction('rw', db.keys, db.keyLog, async () => {
      const now = await db.keys.get(r.key_id);
      if (!now || !isClearKey(now)) return; // done meanwhile
      await db.keys.put({ ...rest, active: 0, retired_at: r.retired_at ?? at });
      if (!fresh || (await activeKey(db))) return;
      await db.keys.add({ ...fresh, label: r.label });
      await db.keyLog.add({
        at,
        action: 'key_rotated',
        key_id: fresh.key_id,
        previous_key_id: r.key_id,
        reason: 'not_exportable_at_encryption',
      });
      rotated++;
    });
  }
  return { rotated };
}
