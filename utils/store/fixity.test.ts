import { afterEach, describe, expect, it } from 'vitest';
import type { EvidenceDb } from './db';
import { checkStoreFixity } from './fixity';
import { getCustodyLines, saveCapture } from './items';
import { freshDb, sampleCapture } from './test-support';

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});

describe('store fixity check', () => {
  it('re-hashes every item, records the check on each, and names what no longer matches', async () => {
    db = freshDb();
    const a = await saveCapture(db, sampleCapture({ title: 'intact' }));
    const b = await saveCapture(db, sampleCapture({ title: 'damaged' }));
    const art = b.artifacts[0]!;
    const chunk = (await db.chunks.get([art.artifact_id, 0]))!;
    chunk.data[3] = chunk.data[3]! ^ 1;
    await db.chunks.put(chunk);
    const seen: number[] = [];
    const r = await checkStoreFixity(db, (done) => seen.push(done));
    expect(seen).toEqual([1, 2]);
    expect(r).toMatchObject({ items: 2, ok: 1 });
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]).toMatchObject({ item_id: b.id, title: 'damaged' });
    expect(r.failed[0]!.problems[0]).toContain(art.path);
    for (const id of [a.id, b.id]) {
      const last = JSON.parse((await getCustodyLines(db, id)).at(-1)!) as {
        action: string;
        data: { ok: boolean };
      };
      expect(last.action).toBe('integrity_checked');
      expect(last.data.ok).toBe(id === a.id);
    }
  });
});
