/**
 * Capture-time RFC 3161 timestamps in the store: an item waits as `pending` until a token over
 * its custody line 0 is stored as `capture.tsr` (role capture_timestamp) with a `timestamped`
 * custody event, or records why the last attempt failed so it can be retried.
 */
import { utcNow } from '../custody';
import type { Item } from '../schemas';
import type { EvidenceDb } from './db';
import { addArtifacts } from './add-artifacts';

export const CAPTURE_TSR_NAME = 'capture.tsr';

/** SHA-256 (raw bytes) of custody line 0: what a capture-time token stamps. */
export async function line0Digest(db: EvidenceDb, itemId: string): Promise<Uint8Array> {
  const rec = await db.custody.get([itemId, 0]);
  if (!rec) throw new Error(`item ${itemId} has no custody line 0`);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(rec.line)));
}

export async function markTimestampPending(
  db: EvidenceDb,
  itemId: string,
  error?: string,
): Promise<void> {
  await db.transaction('rw', db.items, async () => {
    const item = await db.items.get(itemId);
    if (!item || item.timestamp?.status === 'granted') return;
    const prev = item.timestamp;
    await db.items.put({
      ...item,
      timestamp: {
        status: 'pending',
        attempts: (prev?.attempts ?? 0) + (error === undefined ? 0 : 1),
        ...(error !== undefined ? { last_error: error, last_attempt: utcNow() } : {}),
      },
    });
  });
}

export async function pendingTimestampItems(db: EvidenceDb): Promise<string[]> {
  return db.items.filter((i) => i.timestamp?.status === 'pending').primaryKeys();
}

/** Store a granted token: the artifact, its chunk(s) and a `timestamped` event, in one transaction. */
export async function addCaptureTimestamp(
  db: EvidenceDb,
  itemId: string,
  tsr: Uint8Array,
  info: { tsa: string; time: string },
): Promise<Item> {
  return addArtifacts(
    db,
    itemId,
    'timestamped',
    [
      {
        role: 'capture_timestamp',
        name: CAPTURE_TSR_NAME,
        media_type: 'application/timestamp-reply',
        bytes: tsr,
      },
    ],
    { tsa: info.tsa, time: info.time, stamps: 'custody line 0' },
    (item) =>
      // Another context was first: keep its token, add nothing.
      item.timestamp?.status === 'granted'
        ? null
        : {
            timestamp: {
              status: 'granted',
              time: info.time,
              tsa: info.tsa,
              attempts: (item.timestamp?.attempts ?? 0) + 1,
            },
          },
  );
}
