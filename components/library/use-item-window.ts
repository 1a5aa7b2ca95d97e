/**
 * Items for the visible part of the list only. The list may hold 10,000 items; we keep the
 * rows around the viewport (a few pages) and let Dexie's live query refresh just those, so a
 * capture made while the library is open appears at once without loading everything.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Item } from '@/utils/schemas';
import { allItems, liveRead } from './live';
import type { ItemQuery } from './filters';
import { countMatching, pageOfItems } from './item-source';

/** Rows fetched per page; the window spans the visible pages plus one page either side. */
export const PAGE_SIZE = 50;

/** A list row: an item without its (possibly long) text and search tokens. */
export type ItemRow = Omit<Item, 'text' | 'words'>;

interface WindowResult {
  key: string;
  offset: number;
  rows: ItemRow[];
}

function toRow(item: Item): ItemRow {
  // Drop the text early so the window holds metadata only.
  const { text: _text, words: _words, ...row } = item;
  return row;
}

export interface ItemWindow {
  /** The row at absolute index `i`, or undefined while its page loads. */
  rowAt: (i: number) => ItemRow | undefined;
}

/** Number of items matching `query`, live; undefined while the first count runs. */
export function useItemCount(query: ItemQuery, key: string): number | undefined {
  return useLiveQuery(
    liveRead(allItems, (db) => countMatching(db, query)),
    [key],
  );
}

export function useItemWindow(
  query: ItemQuery,
  key: string,
  firstVisible: number,
  lastVisible: number,
): ItemWindow {
  const start = Math.max(0, (Math.floor(firstVisible / PAGE_SIZE) - 1) * PAGE_SIZE);
  const end = (Math.floor(Math.max(lastVisible, firstVisible) / PAGE_SIZE) + 2) * PAGE_SIZE;
  // The result carries its own key and offset: while a new window loads, useLiveQuery still
  // returns the previous one, which is only usable where it overlaps and for the same query.
  const win = useLiveQuery(
    liveRead(allItems, async (db): Promise<WindowResult> => {
      const items = await pageOfItems(db, query, start, end - start);
      return { key, offset: start, rows: items.map(toRow) };
    }),
    [key, start, end],
  );
  const rowAt = (i: number): ItemRow | undefined => {
    if (!win || win.key !== key) return undefined;
    return win.rows[i - win.offset];
  };
  return { rowAt };
}
