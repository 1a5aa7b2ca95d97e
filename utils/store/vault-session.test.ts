import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { FAST_ARGON } from '../vault/test-support';
import { EvidenceDb } from './db';
import { getItem, saveCapture } from './items';
import { StoreLockedError } from './store-crypto';
import { sampleCapture } from './test-support';
import { decodeSessionSecret, encodeSessionSecret, prepareVaultConnection } from './vault-session';
import { createStoreVault, HEADER_KEY } from './vault-store';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

function named(): string {
  const name = `vault-session-${crypto.randomUUID()}`;
  names.push(name);
  return name;
}

const PASS = 'correct horse battery staple';

describe('the session secret', () => {
  it('round-trips a 32-byte key and refuses anything else', () => {
    const key = crypto.getRandomValues(new Uint8Array(32));
    const stored = encodeSessionSecret(key);
    expect(decodeSessionSecret(stored)).toEqual(key);
    expect(decodeSessionSecret(undefined)).toBeNull();
    expect(decodeSessionSecret(42)).toBeNull();
    expect(decodeSessionSecret(stored.slice(1))).toBeNull();
    expect(decodeSessionSecret(encodeSessionSecret(new Uint8Array(16)))).toBeNull();
    expect(decodeSessionSecret(stored.slice(0, 42) + '!')).toBeNull();
  });
});

describe('a second connection (another page, a restarted worker) takes the vault state', () => {
  it('clear store: stays clear and writes as before', async () => {
    const name = named();
    const db = new EvidenceDb(name);
    expect(await prepareVaultConnection(db, null)).toBe('clear');
    expect(db.vaultLocked).toBe(false);
    await saveCapture(db, sampleCapture());
    db.close();
  });

  it('encrypted store: locked without the secret (reads and writes refused), unlocked with it', async () => {
    const name = named();
    const first = new EvidenceDb(name);
    const secret = await createStoreVault(first, PASS, { argon: FAST_ARGON });
    const item = await saveCapture(first, sampleCapture({ title: 'Hornwrack-31 обыск' }));

    const page = new EvidenceDb(name);
    expect(await prepareVaultConnection(page, null)).toBe('locked');
    await expect(getItem(page, item.id)).rejects.toBeInstanceOf(StoreLockedError);
    await expect(saveCapture(page, sampleCapture())).rejects.toBeInstanceOf(StoreLockedError);

    expect(
      await prepareVaultConnection(page, decodeSessionSecret(encodeSessionSecret(secret))),
    ).toBe('unlocked');
    expect((await getItem(page, item.id))?.title).toBe('Hornwrack-31 обыск');
    first.close();
    page.close();
  });

  it('a key that is not this vault’s (a store wiped and made again) leaves it locked', async () => {
    const name = named();
    const first = new EvidenceDb(name);
    await createStoreVault(first, PASS, { argon: FAST_ARGON });
    const page = new EvidenceDb(name);
    const stranger = crypto.getRandomValues(new Uint8Array(32));
    expect(await prepareVaultConnection(page, stranger)).toBe('locked');
    expect(page.storeCrypto).toBeNull();
    expect(page.vaultLocked).toBe(true);
    await expect(saveCapture(page, sampleCapture())).rejects.toBeInstanceOf(StoreLockedError);
    first.close();
    page.close();
  });
});

describe('a damaged header', () => {
  it('keeps the store locked (writes refused) instead of failing to open it', async () => {
    const name = named();
    const first = new EvidenceDb(name);
    await createStoreVault(first, PASS, { argon: FAST_ARGON });
    await first.settings.put({ key: HEADER_KEY, value: { format: 'protokol-vault', version: 9 } });
    const page = new EvidenceDb(name);
    expect(await prepareVaultConnection(page, null)).toBe('locked');
    await expect(saveCapture(page, sampleCapture())).rejects.toBeInstanceOf(StoreLockedError);
    first.close();
    page.close();
  });
});
