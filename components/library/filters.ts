/**
 * The library's filter state and its translation to a store query (`queryItems`). Pure.
 */
import type { ItemKind } from '@/utils/schemas';
import type { ItemQuery } from '@/utils/store';

export type { ItemQuery };

/** Select value meaning "items with no case" (a real case id is a UUID, so no clash). */
export const NO_CASE = '__none__';

/** What the header controls hold; strings as the inputs give them. */
export interface LibraryFilters {
  text: string;
  /** '' = all cases, NO_CASE = items without a case, otherwise a case id. */
  caseId: string;
  tag: string;
  kind: ItemKind | '';
  /** Local calendar dates (yyyy-mm-dd) from `<input type="date">`, '' when unset. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: LibraryFilters = {
  text: '',
  caseId: '',
  tag: '',
  kind: '',
  from: '',
  to: '',
};

/**
 * A local date's start (or end) as a UTC instant: the monitor thinks in their own calendar,
 * while `captured_at` is stored in UTC.
 */
export function localDayBoundary(date: string, end: boolean): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const d = end
    ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999)
    : new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 0, 0, 0, 0);
  return d.toISOString();
}

export function toItemQuery(f: LibraryFilters): ItemQuery {
  const q: ItemQuery = {};
  const text = f.text.trim();
  if (text) q.text = text;
  if (f.caseId === NO_CASE) q.caseId = null;
  else if (f.caseId) q.caseId = f.caseId;
  if (f.tag) q.tag = f.tag;
  if (f.kind) q.kind = f.kind;
  const from = localDayBoundary(f.from, false);
  const to = localDayBoundary(f.to, true);
  if (from) q.from = from;
  if (to) q.to = to;
  return q;
}

/** A stable key for a query, for hook dependencies. */
export function queryKey(q: ItemQuery): string {
  return JSON.stringify([q.text, q.caseId, q.tag, q.kind, q.from, q.to]);
}

export function hasActiveFilters(f: LibraryFilters): boolean {
  return Object.values(toItemQuery(f)).some((v) => v !== undefined);
}
