/**
 * Where the list's rows come from. With no search or filter (the usual view, and the one
 * that must scroll through 10,000 items) the captured_at index is read directly: a native
 * count and an index walk that skips rows without loading them. The store's general query
 * filters every row it passes, which would load every item (with its text) just to skip it.
 * Any search or filter goes to the store, which owns matching and folding.
 */
import { countItems, queryItems, type EvidenceDb } from '@/utils/store';
import type { Item } from '@/utils/schemas';
import type { ItemQuery } from './filters';

function unfiltered(q: ItemQuery): boolean {
  return Object.values(q).every((v) => v === undefined);
}

/** How many items match `q`. */
export function countMatching(db: EvidenceDb, q: ItemQuery): Promise<number> {
  return unfiltered(q) ? db.items.count() : countItems(db, q);
}

/**
 * Items `offset`..`offset + limit` of `q`, newest first. The reversed index gives the same
 * order as the store (capture time, then id, both descending).
 */
export function pageOfItems(
  db: EvidenceDb,
  q: ItemQuery,
  offset: number,
  limit: number,
): Promise<Item[]> {
  if (!unfiltered(q)) return queryItems(db, { ...q, offset, limit });
  return db.items.orderBy('captured_at').reverse().offset(offset).limit(limit).toArray();
}
