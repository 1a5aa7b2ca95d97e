import { describe, expect, it } from 'vitest';
import { openEvidenceDb, queryItems, saveCapture } from '@/utils/store';
import { sampleCapture } from '@/utils/store/test-support';
import { countMatching, pageOfItems } from './item-source';

describe('item source fast path', () => {
  it('pages unfiltered items in the same order as the store, ties included', async () => {
    const db = openEvidenceDb(`src-${crypto.randomUUID()}`);
    const times = [
      '2026-01-01T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ];
    for (const [i, at] of [...times, ...times].entries()) {
      await saveCapture(db, sampleCapture({ url: `https://example.org/${i}`, captured_at: at }));
    }
    const all = (await queryItems(db, {})).map((i) => i.id);
    expect(await countMatching(db, {})).toBe(8);
    const paged = [...(await pageOfItems(db, {}, 0, 3)), ...(await pageOfItems(db, {}, 3, 5))].map(
      (i) => i.id,
    );
    expect(paged).toEqual(all);
    expect(await countMatching(db, { text: 'военкомат' })).toBe(8);
    expect((await pageOfItems(db, { kind: 'article' }, 0, 10)).length).toBe(0);
  });
});
