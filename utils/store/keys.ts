/**
 * The profile's signing key in the store: made on first use, rotated on request, every change
 * written to an append-only key log. Old packs keep verifying after a rotation because each pack
 * carries its own signer.pem; the log shows which key signed when.
 */
import { createSigningKey, signWith, type SigningKeyRecord } from '../keys/signing';
import type { EvidenceDb } from './db';

/** One line of the key log. */
export interface KeyLogRecord {
  seq?: number;
  at: string;
  action: 'key_created' | 'key_rotated' | 'key_label_changed';
  key_id: string;
  previous_key_id?: string;
  label?: string;
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
  const existing = await activeKey(db);
  if (existing) return existing;
  const fresh = await createSigningKey();
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
  const fresh = await createSigningKey();
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
  return (await db.keys.toArray()).sort((a, b) => b.created_at.localeCompare(a.created_at));
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
    sign: (bytes) => signWith(key.private_key, bytes),
  };
}
