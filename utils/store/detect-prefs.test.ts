import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8 } from '../hash';
import { FAST_ARGON } from '../vault/test-support';
import { EvidenceDb } from './db';
import { getDetectPrefs, migrateDetectPrefs, setDetectPrefs } from './detect-prefs';
import { StoreLockedError } from './store-crypto';
import { contains, rawDump } from './test-support';
import { enableEncryption, lockStore, unlockStore } from './vault-store';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});
function newDb(): EvidenceDb {
  const name = `detect-prefs-${crypto.randomUUID()}`;
  names.push(name);
  return new EvidenceDb(name);
}

const SITE = 'quillmarsh-detect-77.example';
const found = async (db: EvidenceDb) =>
  (await rawDump(db.name)).filter((d) => contains(d.bytes, utf8('quillmarsh'))).map((d) => d.where);

describe('detection switches in the store', () => {
  it('default to on with no site off, and keep what is set', async () => {
    const db = newDb();
    expect(await getDetectPrefs(db)).toEqual({ enabled: true, off_sites: [] });
    await setDetectPrefs(db, { enabled: false, off_sites: [SITE] });
    expect(await getDetectPrefs(db)).toEqual({ enabled: false, off_sites: [SITE] });
    // The control for the scans below: in a clear store the site name is on record.
    expect(await found(db)).not.toEqual([]);
  });

  it('move once from the old storage.local value; switches already in the store win', async () => {
    const db = newDb();
    expect(await migrateDetectPrefs(db, { enabled: true, off_sites: [SITE, 7] })).toBe('migrated');
    expect(await getDetectPrefs(db)).toEqual({ enabled: true, off_sites: [SITE] });
    expect(await migrateDetectPrefs(db, { enabled: false, off_sites: [] })).toBe('kept');
    expect(await getDetectPrefs(db)).toEqual({ enabled: true, off_sites: [SITE] });
  });

  it('are encrypted with the store, and refused while it is locked', async () => {
    const db = newDb();
    await enableEncryption(db, 'detect prefs pass', { vault: { argon: FAST_ARGON } });
    expect(await migrateDetectPrefs(db, { enabled: true, off_sites: [SITE] })).toBe('migrated');
    expect(await found(db)).toEqual([]);
    lockStore(db);
    await expect(getDetectPrefs(db)).rejects.toBeInstanceOf(StoreLockedError);
    await expect(setDetectPrefs(db, { enabled: true, off_sites: [] })).rejects.toBeInstanceOf(
      StoreLockedError,
    );
    await unlockStore(db, 'detect prefs pass');
    expect(await getDetectPrefs(db)).toEqual({ enabled: true, off_sites: [SITE] });
  });
});
