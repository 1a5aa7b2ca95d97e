/**
 * The vault as the store sees it: the header kept in clear in settings (`vault.header`), and
 * the transitions that set or clear `db.storeCrypto`: turn encryption on (create the vault,
 * then convert), unlock, resume after a service-worker restart, lock, change the passphrase.
 * Pure (no browser APIs): the background decides when (lock screen, idle alarm, browser start)
 * and where the session secret is kept (chrome.storage.session; docs/vault-design.md §2).
 */
import {
  changePassphrase,
  checkPassphrase,
  createVault,
  parseHeader,
  type CreateOptions,
  type VaultHeader,
} from '../vault';
import { convertStore, type ConversionMarker, type ConvertOptions } from './convert';
import type { EvidenceDb } from './db';
import { StoreCrypto } from './store-crypto';

export const HEADER_KEY = 'vault.header';

export async function readVaultHeader(db: EvidenceDb): Promise<VaultHeader | undefined> {
  const row = await db.settings.get(HEADER_KEY);
  return row ? parseHeader(row.value) : undefined;
}

/**
 * Reads whether the store is encrypted and marks the connection locked if it is and holds no
 * keys, so that nothing is written in clear into an encrypted store. Call when a context opens
 * the store. Returns the state.
 */
export async function loadVaultState(db: EvidenceDb): Promise<'clear' | 'locked' | 'unlocked'> {
  if (db.storeCrypto) return 'unlocked';
  db.vaultLocked = (await readVaultHeader(db)) !== undefined;
  return db.vaultLocked ? 'locked' : 'clear';
}

async function useSecret(db: EvidenceDb, secret: Uint8Array): Promise<void> {
  db.storeCrypto = await StoreCrypto.fromRawKey(secret);
  db.vaultLocked = false;
}

/**
 * Turns encryption on: makes the vault, stores its header, unlocks this connection and
 * converts the existing store (resumable: see convert.ts). Returns the session secret (the raw
 * data key) for the caller to keep in memory-only session storage, and the conversion's end.
 */
export async function enableEncryption(
  db: EvidenceDb,
  passphrase: string,
  opts: { vault?: CreateOptions; convert?: ConvertOptions } = {},
): Promise<{ sessionSecret: Uint8Array; marker: ConversionMarker }> {
  const sessionSecret = await createStoreVault(db, passphrase, opts.vault);
  const marker = await convertStore(db, opts.convert);
  return { sessionSecret, marker };
}

/**
 * The first half of `enableEncryption`: makes the vault, stores its header and unlocks this
 * connection; returns the session secret. From here on every write is sealed; the caller
 * keeps the secret (so a restarted worker resumes) and then runs `convertStore`.
 */
export async function createStoreVault(
  db: EvidenceDb,
  passphrase: string,
  opts?: CreateOptions,
): Promise<Uint8Array> {
  if (await readVaultHeader(db)) throw new Error('Encryption is already on for this store.');
  const { header } = await createVault(passphrase, opts);
  const check = await checkPassphrase(header, passphrase, { exportSession: true });
  if (check.result !== 'unlock' || !check.sessionSecret)
    throw new Error('The new vault did not open.');
  await useSecret(db, check.sessionSecret);
  await db.settings.add({ key: HEADER_KEY, value: header });
  return check.sessionSecret;
}

export type UnlockResult =
  { result: 'unlock'; sessionSecret: Uint8Array } | { result: 'duress' } | { result: 'wrong' };

/**
 * The lock screen's check. On `unlock` this connection holds the keys and a pending
 * conversion should be resumed (`conversionPending`); on `duress` the caller wipes the store
 * (the panic wipe) and shows the first-run screen; on `wrong` nothing changes.
 */
export async function unlockStore(db: EvidenceDb, passphrase: string): Promise<UnlockResult> {
  const header = await readVaultHeader(db);
  if (!header) throw new Error('This store is not encrypted.');
  const check = await checkPassphrase(header, passphrase, { exportSession: true });
  if (check.result !== 'unlock') return check;
  await useSecret(db, check.sessionSecret!);
  return { result: 'unlock', sessionSecret: check.sessionSecret! };
}

/** After a service-worker restart or in another extension page: the kept session secret. */
export async function resumeStore(db: EvidenceDb, secret: Uint8Array): Promise<void> {
  if (!(await readVaultHeader(db))) throw new Error('This store is not encrypted.');
  await useSecret(db, secret);
}

/** Forget the keys: sealed records become unreadable and writes are refused until unlock. */
export function lockStore(db: EvidenceDb): void {
  db.storeCrypto = null;
  db.vaultLocked = true;
}

/** Re-wraps the data key under the new passphrase; no record or chunk is touched. */
export async function changeStorePassphrase(
  db: EvidenceDb,
  oldPassphrase: string,
  newPassphrase: string,
): Promise<void> {
  const header = await readVaultHeader(db);
  if (!header) throw new Error('This store is not encrypted.');
  const next = await changePassphrase(header, oldPassphrase, newPassphrase);
  await db.settings.put({ key: HEADER_KEY, value: next });
}
