// The library's live views must update when the store changes: this is what makes a capture
// or a tag appear at once. Checked through Dexie's liveQuery against the real store.
import { describe, expect, it, vi } from 'vitest';
import { liveQuery } from 'dexie';
import {
  countItems,
  createCase,
  getCustody,
  listCases,
  listTags,
  openEvidenceDb,
  queryItems,
  saveCapture,
  setTags,
} from '@/utils/store';
import { sampleCapture } from '@/utils/store/test-support';
import type { EvidenceDb } from '@/utils/store';
import { allCases, allItems, custodyOf, liveRead } from './live';

let testDb: EvidenceDb;
// liveRead opens the page's database through ./db; point it at a fresh test database.
vi.mock('./db', () => ({ getDb: () => testDb }));

/** Subscribe, run `change`, and return the last value seen after it. */
async function afterChange<T>(
  querier: () => Promise<T>,
  change: () => Promise<unknown>,
): Promise<T[]> {
  const seen: T[] = [];
  const sub = liveQuery(querier).subscribe((v) => seen.push(v));
  await new Promise((r) => setTimeout(r, 50));
  await change();
  await new Promise((r) => setTimeout(r, 150));
  sub.unsubscribe();
  return seen;
}

describe('library live reads', () => {
  it('see a new capture in counts, pages and searches', async () => {
    testDb = openEvidenceDb(`live-${crypto.randomUUID()}`);
    const counts = await afterChange(
      liveRead(allItems, (db) => countItems(db, {})),
      () => saveCapture(testDb, sampleCapture()),
    );
    expect(counts.at(-1)).toBe(1);
    const found = await afterChange(
      liveRead(allItems, (db) => queryItems(db, { text: 'военкомат', offset: 0, limit: 50 })),
      () => saveCapture(testDb, sampleCapture({ url: 'https://example.org/2' })),
    );
    expect(found.at(-1)).toHaveLength(2);
  });

  it('see tags, custody events and cases as they are made', async () => {
    testDb = openEvidenceDb(`live-${crypto.randomUUID()}`);
    const item = await saveCapture(testDb, sampleCapture());
    const logs = await afterChange(
      liveRead(custodyOf(item.id), (db) => getCustody(db, item.id)),
      () => setTags(testDb, item.id, ['ТЦК']),
    );
    expect(logs.at(-1)?.map((r) => r.action)).toEqual(['captured', 'tagged']);
    const tags = await afterChange(
      liveRead(allItems, (db) => listTags(db)),
      () => setTags(testDb, item.id, ['ТЦК', 'в/ч 21005']),
    );
    expect(tags.at(-1)).toContain('в/ч 21005');
    const cases = await afterChange(
      liveRead(allCases, (db) => listCases(db)),
      () => createCase(testDb, { title: 'Рейды' }),
    );
    expect(cases.at(-1)?.map((c) => c.title)).toEqual(['Рейды']);
  });
});
