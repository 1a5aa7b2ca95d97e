/**
 * How a context (the background, an extension page) brings its own connection to the store
 * into the vault's state from the session secret kept in memory-only session storage. Pure:
 * the caller reads the secret (chrome.storage.session) and passes it in.
 */
import { fromBase64Url, resumeSession, toBase64Url, VaultFormatError } from '../vault';
import type { EvidenceDb } from './db';
import { loadVaultState, readVaultHeader, resumeStore } from './vault-store';

/** Where the raw data key is kept while unlocked: `chrome.storage.session`, this key. */
export const SESSION_SECRET_KEY = 'vault.session';

export function encodeSessionSecret(secret: Uint8Array): string {
  return toBase64Url(secret);
}

/** The stored form back to bytes, or null when it is missing or not a 32-byte key. */
export function decodeSessionSecret(stored: unknown): Uint8Array | null {
  if (typeof stored !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(stored)) return null;
  const raw = fromBase64Url(stored);
  return raw.length === 32 ? raw : null;
}

/**
 * Call when a connection opens (Dexie's `on('ready')`, with the connection it passes): a clear
 * store stays clear; an encrypted one is unlocked with the session secret when there is one,
 * else marked locked, so that nothing is ever written to it in clear.
 */
export async function prepareVaultConnection(
  db: EvidenceDb,
  secret: Uint8Array | null,
): Promise<'clear' | 'locked' | 'unlocked'> {
  db.storeCrypto = null;
  let state: 'clear' | 'locked' | 'unlocked';
  try {
    state = await loadVaultState(db);
  } catch (e) {
    // A header row that is not a valid header (damaged or tampered with): the store is
    // encrypted, so it stays locked (writes refused); the lock screen says it is damaged.
    if (!(e instanceof VaultFormatError)) throw e;
    db.vaultLocked = true;
    return 'locked';
  }
  if (state === 'clear' || !secret) return state;
  try {
    // The secret must open this vault's sealing key (a wrong key would fail every read later).
    await resumeSession((await readVaultHeader(db))!, secret);
    await resumeStore(db, secret);
    return 'unlocked';
  } catch {
    // Not this store's key (a wiped and re-made store, a damaged value): stay locked.
    db.storeCrypto = null;
    db.vaultLocked = true;
    return 'locked';
  }
}
