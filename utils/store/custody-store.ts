/**
 * Appending to and reading an item's custody log. Every append reads the item's head and
 * length and writes the new event inside one read-write transaction over `items` and
 * `custody`; IndexedDB runs such transactions one at a time, so writers in different
 * extension contexts cannot fork the chain.
 */
import { Dexie } from 'dexie';
import { CustodyRecord, Item } from '../schemas';
import { custodyLine, utcNow } from '../custody';
import { sha256HexSync } from '../hash';
import type { EvidenceDb } from './db';

/** An event to append and the item fields that change with it. */
export interface CustodyChange {
  action: string;
  data: Record<string, unknown>;
  patch?: Partial<Omit<Item, 'id' | 'custody_head' | 'custody_length'>>;
}

/** Builds the record for the next event after `item`'s current head. Synchronous. */
export function nextCustodyRecord(
  item: Pick<Item, 'id' | 'custody_head' | 'custody_length'>,
  action: string,
  data: Record<string, unknown>,
  at: string,
): CustodyRecord {
  const seq = item.custody_length;
  const line = custodyLine({ seq, at, action, prev: item.custody_head, data });
  return CustodyRecord.parse({
    item_id: item.id,
    seq,
    at,
    action,
    line,
    hash: sha256HexSync(line),
  });
}

/**
 * Must run inside a rw transaction over items and custody. Writes the event with `add`
 * (so a duplicate seq fails instead of overwriting) and moves the item's head.
 */
export async function appendInTx(
  db: EvidenceDb,
  item: Item,
  change: CustodyChange,
  at: string,
): Promise<{ item: Item; record: CustodyRecord }> {
  const record = nextCustodyRecord(item, change.action, change.data, at);
  const next = Item.parse({
    ...item,
    ...change.patch,
    custody_head: record.hash,
    custody_length: record.seq + 1,
  });
  await db.custody.add(record);
  await db.items.put(next);
  return { item: next, record };
}

function isThenable<T>(v: T | PromiseLike<T>): v is PromiseLike<T> {
  return typeof (v as { then?: unknown } | undefined)?.then === 'function';
}

/**
 * Reads the item, asks `decide` what to change (undefined: nothing, no event) and appends the
 * event, all in one transaction. `decide` may await Dexie reads (e.g. `cases`) but nothing
 * else: awaiting any other promise would end the transaction.
 */
export async function mutateWithCustody(
  db: EvidenceDb,
  itemId: string,
  decide: (item: Item) => CustodyChange | undefined | Promise<CustodyChange | undefined>,
  at: string = utcNow(),
): Promise<CustodyRecord | undefined> {
  return db.transaction('rw', [db.items, db.custody, db.cases], async () => {
    const item = await db.items.get(itemId);
    if (!item) throw new Error(`No item with id ${itemId}`);
    // Await only a real promise: an extra await on a plain value is harmless, but keeping the
    // synchronous path free of it leaves no window in which the transaction could commit.
    const decided = decide(item);
    // A thenable check, not instanceof: Dexie swaps the global Promise inside transactions.
    const change = isThenable(decided) ? await decided : decided;
    if (!change) return undefined;
    return (await appendInTx(db, item, change, at)).record;
  });
}

/** Appends one custody event to an item's log and returns the stored record. */
export async function appendCustody(
  db: EvidenceDb,
  itemId: string,
  action: string,
  data: Record<string, unknown>,
  at: string = utcNow(),
): Promise<CustodyRecord> {
  const record = await mutateWithCustody(db, itemId, () => ({ action, data }), at);
  // mutateWithCustody returns undefined only when decide does; ours always appends.
  if (!record) throw new Error('Custody event was not appended');
  return record;
}

/** The item's custody records in seq order, validated. */
export async function getCustody(db: EvidenceDb, itemId: string): Promise<CustodyRecord[]> {
  const rows = await db.custody
    .where('[item_id+seq]')
    .between([itemId, Dexie.minKey], [itemId, Dexie.maxKey])
    .toArray();
  return rows.map((r) => CustodyRecord.parse(r));
}

/** The item's custody log as the exact lines (without `\n`) of `custody.jsonl`. */
export async function getCustodyLines(db: EvidenceDb, itemId: string): Promise<string[]> {
  return (await getCustody(db, itemId)).map((r) => r.line);
}
