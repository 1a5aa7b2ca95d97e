/**
 * Capture-time RFC 3161 timestamps in the store: an item waits as `pending` until a token over
 * its custody line 0 is stored as `capture.tsr` (role capture_timestamp) with a `timestamped`
 * custody event, or records why the last attempt failed so it can be retried.
 */
import { sha256Hex } from '../hash';
import { utcNow } from '../custody';
import type { ArtifactRecord, Item } from '../schemas';
import type { EvidenceDb } from './db';
import { appendInTx } from './custody-store';
import { splitChunks } from './save';

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
  const sha256 = await sha256Hex(tsr);
  const artifactId = crypto.randomUUID();
  const at = utcNow();
  return db.transaction('rw', [db.items, db.artifacts, db.chunks, db.custody], async () => {
    const item = await db.items.get(itemId);
    if (!item) throw new Error(`No item with id ${itemId}`);
    if (item.timestamp?.status === 'granted') return item; // another context was first
    const path = `items/${itemId}/${CAPTURE_TSR_NAME}`;
    const chunks = splitChunks(artifactId, tsr);
    const record: ArtifactRecord = {
      id: artifactId,
      item_id: itemId,
      role: 'capture_timestamp',
      name: CAPTURE_TSR_NAME,
      media_type: 'application/timestamp-reply',
      size: tsr.byteLength,
      sha256,
      chunk_count: chunks.length,
      created_at: at,
    };
    await db.artifacts.add(record);
    await db.chunks.bulkAdd(chunks);
    const ref = {
      role: 'capture_timestamp' as const,
      path,
      sha256,
      artifact_id: artifactId,
      size: tsr.byteLength,
      media_type: record.media_type,
    };
    const { item: next } = await appendInTx(
      db,
      item,
      {
        action: 'timestamped',
        data: {
          artifacts: [{ role: ref.role, path, sha256 }],
          tsa: info.tsa,
          time: info.time,
          stamps: 'custody line 0',
        },
        patch: {
          artifacts: [...item.artifacts, ref],
          timestamp: {
            status: 'granted',
            time: info.time,
            tsa: info.tsa,
            attempts: (item.timestamp?.attempts ?? 0) + 1,
          },
        },
      },
      at,
    );
    return next;
  });
}
