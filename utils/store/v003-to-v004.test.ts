import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArtifactRecord, Case, CustodyRecord } from '../schemas';
import { EvidenceDb } from './db';
import { contentDigest, itemWords } from './derive';
import { checkIntegrity, readArtifactBytes, saveCapture } from './items';
import { beginStagedArtifact, sweepStagedArtifacts } from './staging';
import { sampleCapture } from './test-support';
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

// The version 3 layout as it shipped, written out so later edits to db.ts cannot change it.
const V3 = {
  cases: 'id, created_at',
  items: 'id, captured_at, url, kind, case_id, *tags, *words, content_digest',
  artifacts: 'id, item_id',
  chunks: '[artifact_id+index]',
  custody: '[item_id+seq], item_id',
  jobs: 'id, status, started_at',
  keys: 'key_id, active, created_at',
  keyLog: '++seq, key_id',
  settings: 'key',
};

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

/** The v1 example as version 3 held it (items carry words and content digests). */
async function seedV3(): Promise<void> {
  const v3 = new Dexie(name);
  v3.version(3).stores(V3);
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
  expect(v3.verno).toBe(3);
  v3.close();
}

describe('migration v3 → v4 (staging marks)', () => {
  it('keeps every record, adds an empty staging table, and staging works on it', async () => {
    expect(fixture.items.length).toBeGreaterThan(0);
    name = `migrate-v4-${crypto.randomUUID()}`;
    await seedV3();
    const db = new EvidenceDb(name);
    await db.open();
    expect(db.verno).toBe(5); // opened at the current version, through v4
    expect(await db.staging.count()).toBe(0);
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
    // The new table is usable at once: stage, commit, and the sweep leaves old data alone.
    const s = await beginStagedArtifact(db);
    await s.write(new Uint8Array([1, 2, 3]));
    const staged = await s.finish();
    const item = await saveCapture(
      db,
      sampleCapture({
        artifacts: [{ role: 'media', name: 'a.bin', media_type: 'video/mp4', staged }],
      }),
    );
    expect(await sweepStagedArtifacts(db, '9999-01-01T00:00:00.000Z')).toBe(0);
    expect((await checkIntegrity(db, item.id)).ok).toBe(true);
    expect(await db.chunks.count()).toBe(fixture.chunks.length + 1);
    db.close();
  });
});
