import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactRecord, Case, CustodyRecord } from '../schemas';
import { EvidenceDb } from './db';
import { contentDigest, itemWords } from './derive';
import { checkIntegrity, readArtifactBytes } from './items';
import { sampleCapture } from './test-support';
import { FAST_ARGON } from '../vault/test-support';
import { countSealed, openSealedQueue, sealCapture } from './sealed-queue';
import { enableEncryption, lockStore, unlockStore } from './vault-store';
import type { ItemV1 } from './v001-to-v002';

interface V1Fixture {
  cases: Case[];
  items: ItemV1[];
  artifacts: ArtifactRecord[];
  chunks: Array<{ artifact_id: string; index: number; data_base64: string }>;
  custody: CustodyRecord[];
}

// Read at load time with no fallback: a missing fixture fails the suite, never skips it.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/v1-example.json', import.meta.url), 'utf8'),
) as V1Fixture;

// The version 4 layout as it shipped, written out so later edits to db.ts cannot change it.
const V4 = {
  cases: 'id, created_at',
  items: 'id, captured_at, url, kind, case_id, *tags, *words, content_digest',
  artifacts: 'id, item_id',
  chunks: '[artifact_id+index]',
  custody: '[item_id+seq], item_id',
  jobs: 'id, status, started_at',
  keys: 'key_id, active, created_at',
  keyLog: '++seq, key_id',
  settings: 'key',
  staging: 'artifact_id',
};

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

/** The v1 example as version 4 held it (items carry words and content digests). */
async function seedV4(): Promise<void> {
  const v3 = new Dexie(name);
  v3.version(4).stores(V4);
  await v3.open();
  await v3.table('cases').bulkAdd(fixture.cases);
  await v3.table('items').bulkAdd(
    fixture.items.map((i) => ({
      ...i,
      words: itemWords(i),
      content_digest: contentDigest(i.text),
    })),
  );
  await v3.table('artifacts').bulkAdd(fixture.artifacts);
  await v3.table('chunks').bulkAdd(
    fixture.chunks.map((c) => ({
      artifact_id: c.artifact_id,
      index: c.index,
      data: new Uint8Array(Buffer.from(c.data_base64, 'base64')),
    })),
  );
  await v3.table('custody').bulkAdd(fixture.custody);
  await v3.table('settings').put({ key: 'tsa_enabled', value: false });
  expect(v3.verno).toBe(4);
  v3.close();
}

describe('migration v4 → v5 (sealed queue)', () => {
  it('keeps every record, adds empty queue tables, and the queue works on it', async () => {
    expect(fixture.items.length).toBeGreaterThan(0);
    name = `migrate-v5-${crypto.randomUUID()}`;
    await seedV4();
    const db = new EvidenceDb(name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.sealed.count()).toBe(0);
    expect(await db.sealedChunks.count()).toBe(0);
    expect(await db.cases.toArray()).toEqual(fixture.cases);
    expect(await db.artifacts.toArray()).toEqual(expect.arrayContaining(fixture.artifacts));
    expect(await db.custody.count()).toBe(fixture.custody.length);
    expect(await db.chunks.count()).toBe(fixture.chunks.length);
    expect(await db.settings.get('tsa_enabled')).toEqual({ key: 'tsa_enabled', value: false });
    for (const item of fixture.items) {
      expect((await checkIntegrity(db, item.id)).ok).toBe(true);
      for (const ref of item.artifacts)
        expect(
          createHash('sha256')
            .update(await readArtifactBytes(db, ref.artifact_id))
            .digest('hex'),
        ).toBe(ref.sha256);
    }
    // The migrated store turns encryption on, seals a capture while locked, opens it at unlock.
    await enableEncryption(db, 'migrated passphrase', { vault: { argon: FAST_ARGON } });
    lockStore(db);
    const r = await sealCapture(db, sampleCapture());
    expect(await countSealed(db)).toBe(1);
    await unlockStore(db, 'migrated passphrase');
    expect((await openSealedQueue(db)).opened).toEqual([r.id]);
    expect((await checkIntegrity(db, r.id)).ok).toBe(true);
    expect(await db.items.count()).toBe(fixture.items.length + 1);
    db.close();
  });
});
