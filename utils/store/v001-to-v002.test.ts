import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCustodyLines } from '../custody';
import type { ArtifactRecord, Case, CustodyRecord } from '../schemas';
import { EvidenceDb } from './db';
import { checkIntegrity, getCustodyLines, queryItems, readArtifactBytes } from './items';
import type { ItemV1 } from './v001-to-v002';

interface V1Fixture {
  schema_version: 1;
  cases: Case[];
  items: ItemV1[];
  artifacts: ArtifactRecord[];
  chunks: Array<{ artifact_id: string; index: number; data_base64: string }>;
  custody: CustodyRecord[];
}

// Read at load time with no fallback: a missing or broken fixture fails the suite, never skips it.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/v1-example.json', import.meta.url), 'utf8'),
) as V1Fixture;

// The version 1 layout as it shipped, written out here so later edits to db.ts cannot change it.
const V1 = {
  cases: 'id, created_at',
  items: 'id, captured_at, url, kind, case_id, *tags',
  artifacts: 'id, item_id',
  chunks: '[artifact_id+index]',
  custody: '[item_id+seq], item_id',
  jobs: 'id, status, started_at',
};

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

async function seedV1(): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(V1);
  await v1.open();
  await v1.table('cases').bulkAdd(fixture.cases);
  await v1.table('items').bulkAdd(fixture.items);
  await v1.table('artifacts').bulkAdd(fixture.artifacts);
  await v1.table('chunks').bulkAdd(
    fixture.chunks.map((c) => ({
      artifact_id: c.artifact_id,
      index: c.index,
      data: new Uint8Array(Buffer.from(c.data_base64, 'base64')),
    })),
  );
  await v1.table('custody').bulkAdd(fixture.custody);
  expect(v1.verno).toBe(1);
  v1.close();
}

describe('migration v1 → v2', () => {
  it('has a real v1 example: two items, a case, chained custody, no v2 fields', () => {
    expect(fixture.schema_version).toBe(1);
    expect(fixture.items).toHaveLength(2);
    expect(fixture.cases).toHaveLength(1);
    for (const item of fixture.items) {
      expect(item).not.toHaveProperty('words');
      expect(item).not.toHaveProperty('content_digest');
      const lines = fixture.custody
        .filter((c) => c.item_id === item.id)
        .sort((a, b) => a.seq - b.seq)
        .map((c) => c.line);
      expect(verifyCustodyLines(lines)).toEqual({
        ok: true,
        head: item.custody_head,
        length: item.custody_length,
      });
    }
  });

  it('computes words and content digests and keeps every record intact', async () => {
    name = `migrate-${crypto.randomUUID()}`;
    await seedV1();
    const db = new EvidenceDb(name);
    await db.open();
    expect(db.verno).toBe(5); // v1 data upgraded through every later version

    for (const before of fixture.items) {
      const after = (await db.items.get(before.id))!;
      const { words, content_digest, ...rest } = after;
      expect(rest).toEqual(before);
      expect(content_digest).toBe(sha(before.text.replace(/\s+/g, ' ').trim().normalize('NFC')));
      expect(words.length).toBeGreaterThan(3);
      expect(new Set(words).size).toBe(words.length);
      expect(await getCustodyLines(db, before.id)).toEqual(
        fixture.custody
          .filter((c) => c.item_id === before.id)
          .sort((a, b) => a.seq - b.seq)
          .map((c) => c.line),
      );
      for (const ref of before.artifacts) {
        expect(
          createHash('sha256')
            .update(await readArtifactBytes(db, ref.artifact_id))
            .digest('hex'),
        ).toBe(ref.sha256);
      }
    }
    expect(await db.cases.toArray()).toEqual(fixture.cases);
    expect(await db.artifacts.toArray()).toEqual(expect.arrayContaining(fixture.artifacts));
    expect(await db.custody.count()).toBe(fixture.custody.length);

    // The new index works on migrated data: Russian, Ukrainian (і, є, ґ, ї), host and notes.
    const ru = fixture.items.find((i) => i.kind === 'telegram_post')!;
    const uk = fixture.items.find((i) => i.kind === 'article')!;
    expect((await queryItems(db, { text: 'елкин военком' })).map((i) => i.id)).toEqual([ru.id]);
    expect((await queryItems(db, { text: 'ґонт євген їдал' })).map((i) => i.id)).toEqual([uk.id]);
    expect((await queryItems(db, { text: 'news.example' })).map((i) => i.id)).toEqual([uk.id]);
    expect((await queryItems(db, { text: 'олена' })).map((i) => i.id)).toEqual([uk.id]);
    expect(
      await db.items
        .where('content_digest')
        .equals((await db.items.get(uk.id))!.content_digest)
        .count(),
    ).toBe(1);

    const report = await checkIntegrity(db, ru.id);
    expect(report.ok).toBe(true);
    db.close();
  });
});
