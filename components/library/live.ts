/**
 * Live reads for the library. Dexie's liveQuery learns what to watch from the reads made in
 * its zone; store functions that first await a plain async step (query planning) make
 * their reads outside that zone, so the query would never re-run. Each live read therefore
 * starts with a cheap tracked read of what it depends on (a count over the relevant range),
 * then calls the store. Re-running on any change to that range is exactly what we want.
 */
import type { EvidenceDb } from '@/utils/store';
import { getDb } from './db';

/** A querier for useLiveQuery: `track` names the data to watch, `read` computes the result. */
export function liveRead<T>(
  track: (db: EvidenceDb) => PromiseLike<unknown>,
  read: (db: EvidenceDb) => Promise<T>,
): () => Promise<T> {
  return async () => {
    const db = getDb();
    await track(db);
    return read(db);
  };
}

/** Watch every item (new captures, edits of any item). */
export const allItems = (db: EvidenceDb) => db.items.count();
/** Watch one item. */
export const oneItem = (id: string) => (db: EvidenceDb) => db.items.where('id').equals(id).count();
/** Watch the items captured from one URL. */
export const itemsAtUrl = (url: string) => (db: EvidenceDb) =>
  db.items.where('url').equals(url).count();
/** Watch one item's custody log. */
export const custodyOf = (id: string) => (db: EvidenceDb) =>
  db.custody.where('item_id').equals(id).count();
/** Watch the cases. */
export const allCases = (db: EvidenceDb) => db.cases.count();
