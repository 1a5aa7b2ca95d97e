/**
 * Library queries: filters, prefix text search over the `words` index, newest first.
 */
import { Dexie, type Collection } from 'dexie';
import type { Item, ItemKind } from '../schemas';
import { queryTokens } from '../search';
import type { EvidenceDb } from './db';

/**
 * Filters for the library. `from`/`to` are RFC 3339 UTC times, both inclusive.
 * `caseId: null` means items in no case; undefined means any case.
 */
export interface ItemQuery {
  text?: string;
  caseId?: string | null;
  tag?: string;
  kind?: ItemKind;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

function matches(item: Item, q: ItemQuery, tokens: string[]): boolean {
  if (q.caseId !== undefined && item.case_id !== q.caseId) return false;
  if (q.tag !== undefined && !item.tags.includes(q.tag)) return false;
  if (q.kind !== undefined && item.kind !== q.kind) return false;
  if (q.from !== undefined && item.captured_at < q.from) return false;
  if (q.to !== undefined && item.captured_at > q.to) return false;
  return tokens.every((t) => item.words.some((w) => w.startsWith(t)));
}

function newestFirst(a: Item, b: Item): number {
  if (a.captured_at !== b.captured_at) return a.captured_at < b.captured_at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The query token whose prefix has the fewest index entries (counted, not guessed). */
async function rarestToken(db: EvidenceDb, tokens: string[]): Promise<string> {
  const counts = await Promise.all(
    tokens.map((t) => db.items.where('words').startsWith(t).count()),
  );
  let best = 0;
  for (let i = 1; i < tokens.length; i++) {
    const c = counts[i]!;
    const bc = counts[best]!;
    if (c < bc || (c === bc && tokens[i]!.length > tokens[best]!.length)) best = i;
  }
  return tokens[best]!;
}

/** The narrowest index to start from: a word prefix, a tag or a case. Undefined: scan by time. */
function startCollection(
  db: EvidenceDb,
  q: ItemQuery,
  token: string | undefined,
): Collection<Item, string> | undefined {
  if (token !== undefined) return db.items.where('words').startsWith(token).distinct();
  if (q.tag !== undefined) return db.items.where('tags').equals(q.tag);
  // null is not an IndexedDB key, so "no case" cannot use the case_id index.
  if (typeof q.caseId === 'string') return db.items.where('case_id').equals(q.caseId);
  return undefined;
}

/** Folds the query and picks where to start. */
async function plan(
  db: EvidenceDb,
  q: ItemQuery,
): Promise<{ tokens: string[]; start: Collection<Item, string> | undefined }> {
  const tokens = queryTokens(q.text ?? '');
  const token = tokens.length > 1 ? await rarestToken(db, tokens) : tokens[0];
  return { tokens, start: startCollection(db, q, token) };
}

/** Items by capture time, newest first, within from/to. */
function byTime(db: EvidenceDb, q: ItemQuery): Collection<Item, string> {
  return db.items
    .where('captured_at')
    .between(q.from ?? Dexie.minKey, q.to ?? Dexie.maxKey, true, true)
    .reverse();
}

async function run(db: EvidenceDb, q: ItemQuery): Promise<Item[]> {
  const { tokens, start } = await plan(db, q);
  const offset = q.offset ?? 0;
  const limit = q.limit ?? Infinity;
  if (start) {
    // Index matches are few next to the library; sorting them in memory is cheap.
    const found = await start.filter((i) => matches(i, q, tokens)).toArray();
    return found.sort(newestFirst).slice(offset, offset + limit);
  }
  let coll = byTime(db, q)
    .filter((i) => matches(i, q, tokens))
    .offset(offset);
  if (Number.isFinite(limit)) coll = coll.limit(limit);
  return coll.toArray();
}

/**
 * Items matching the query, newest first; text tokens must each prefix-match a word.
 * No enclosing transaction: the steps are independent reads, and a read transaction would
 * commit early across the await on the token choice.
 */
export async function queryItems(db: EvidenceDb, q: ItemQuery): Promise<Item[]> {
  return run(db, q);
}

/** How many items match the query (limit and offset ignored). */
export async function countItems(db: EvidenceDb, q: ItemQuery): Promise<number> {
  const { limit: _limit, offset: _offset, ...rest } = q;
  const { tokens, start } = await plan(db, rest);
  return (start ?? byTime(db, rest)).filter((i) => matches(i, rest, tokens)).count();
}

/** Other observations of the same URL, newest first; identical when the content digest matches. */
export async function earlierObservations(
  db: EvidenceDb,
  item: Item,
): Promise<Array<{ item: Item; identical: boolean }>> {
  const others = await db.items
    .where('url')
    .equals(item.url)
    .filter((i) => i.id !== item.id)
    .toArray();
  return others
    .sort(newestFirst)
    .map((other) => ({ item: other, identical: other.content_digest === item.content_digest }));
}
