/** Tags on items: the user's own labels, each change recorded in the custody log. */
import type { EvidenceDb } from './db';
import { mutateWithCustody } from './custody-store';

/** Trims, drops empty tags and duplicates; keeps the order the user gave. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().normalize('NFC')).filter((t) => t !== ''))];
}

/**
 * Replaces an item's tags and records `tagged` {tags: full set, added, removed}.
 * No event when the set is unchanged.
 */
export async function setTags(db: EvidenceDb, itemId: string, tags: string[]): Promise<void> {
  const next = normalizeTags(tags);
  await mutateWithCustody(db, itemId, (item) => {
    const before = new Set(item.tags);
    const after = new Set(next);
    const added = next.filter((t) => !before.has(t));
    const removed = item.tags.filter((t) => !after.has(t));
    if (added.length === 0 && removed.length === 0) return undefined;
    return { action: 'tagged', data: { tags: next, added, removed }, patch: { tags: next } };
  });
}

/**
 * Every tag in use, sorted: from the multi-entry index, without reading items, in a clear
 * store; from the decrypted items in an encrypted one (its index holds blind tokens).
 */
export async function listTags(db: EvidenceDb): Promise<string[]> {
  if (db.storeCrypto) {
    const tags = new Set<string>();
    await db.items.each((i) => i.tags.forEach((t) => tags.add(t)));
    return [...tags].sort();
  }
  const keys = await db.items.orderBy('tags').uniqueKeys();
  return keys.filter((k): k is string => typeof k === 'string');
}
