/**
 * Migration from schema version 1 to 2: items gain `words` (search tokens) and
 * `content_digest`. Version 1 items have no separate content text, so the digest is taken
 * from `item.text`, which is what the capture stored for display and search.
 */
import type { Transaction } from 'dexie';
import type { Item } from '../schemas';
import { contentDigest, itemWords } from './derive';

/** An item as version 1 stored it. */
export type ItemV1 = Omit<Item, 'words' | 'content_digest'> &
  Partial<Pick<Item, 'words' | 'content_digest'>>;

/** Dexie upgrade function for version 2; synchronous work only, inside Dexie's transaction. */
export async function upgradeV1ToV2(tx: Transaction): Promise<void> {
  await tx
    .table<ItemV1, string>('items')
    .toCollection()
    .modify((item) => {
      item.words = itemWords(item);
      item.content_digest = contentDigest(item.text);
    });
}
