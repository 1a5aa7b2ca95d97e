/**
 * Adding artifacts to an item that is already saved (a capture-time timestamp, the full-page
 * screenshot of a page capture's second phase): the artifact records, their chunks, the item's
 * artifact list and one custody event that lists each new artifact's role, path and SHA-256,
 * all in one transaction. The pack spec requires every artifact's hash in some event's
 * `data.artifacts`; this is the one place later artifacts get there.
 */
import { utcNow } from '../custody';
import { sha256Hex } from '../hash';
import { ArtifactRecord, type ArtifactRef, type ArtifactRole, type Item } from '../schemas';
import type { EvidenceDb } from './db';
import { appendInTx, type CustodyChange } from './custody-store';
import { isSafeName, sealChunks, splitChunks } from './save';

/** One artifact to add: its bytes and the file name inside the item's folder. */
export interface ArtifactToAdd {
  role: ArtifactRole;
  name: string;
  media_type: string;
  bytes: Uint8Array;
}

/**
 * Adds `artifacts` to item `itemId` with one custody event `action` whose data is
 * `{ artifacts: [{role, path, sha256}], ...data }`. `patch`, called with the item read inside
 * the transaction, gives the other item fields that change with it, or null to add nothing
 * (e.g. another context already added a timestamp); the item is then returned unchanged.
 * Throws (and writes nothing) when the item is gone or a name is unsafe or already taken.
 */
export async function addArtifacts(
  db: EvidenceDb,
  itemId: string,
  action: string,
  artifacts: ArtifactToAdd[],
  data: Record<string, unknown> = {},
  patch: (item: Item) => CustodyChange['patch'] | null = () => ({}),
): Promise<Item> {
  if (artifacts.length === 0) throw new Error('No artifacts to add');
  const names = new Set<string>();
  for (const a of artifacts) {
    if (!isSafeName(a.name) || names.has(a.name))
      throw new Error(`Invalid or repeated artifact name "${a.name}"`);
    names.add(a.name);
  }
  // Hash outside the transaction: awaiting WebCrypto inside it would let it commit early.
  const hashes = await Promise.all(artifacts.map((a) => sha256Hex(a.bytes)));
  const at = utcNow();
  const prepared = artifacts.map((a, i) => {
    const id = crypto.randomUUID();
    const chunks = splitChunks(id, a.bytes);
    const record = ArtifactRecord.parse({
      id,
      item_id: itemId,
      role: a.role,
      name: a.name,
      media_type: a.media_type,
      size: a.bytes.byteLength,
      sha256: hashes[i]!,
      chunk_count: chunks.length,
      created_at: at,
    });
    const ref: ArtifactRef = {
      role: a.role,
      path: `items/${itemId}/${a.name}`,
      sha256: record.sha256,
      artifact_id: id,
      size: record.size,
      media_type: a.media_type,
    };
    return { record, chunks, ref };
  });
  // Encrypted (when the store is) outside the transaction, like the hashing.
  const sealed = await sealChunks(
    db,
    prepared.flatMap((p) => p.chunks),
  );
  return db.transaction('rw', [db.items, db.artifacts, db.chunks, db.custody], async () => {
    const item = await db.items.get(itemId);
    if (!item) throw new Error(`No item with id ${itemId}`);
    const more = patch(item);
    if (more === null) return item;
    const taken = new Set(item.artifacts.map((a) => a.path));
    for (const p of prepared)
      if (taken.has(p.ref.path)) throw new Error(`The item already has ${p.ref.path}`);
    await db.artifacts.bulkAdd(prepared.map((p) => p.record));
    if (sealed.length > 0) await db.chunks.bulkAdd(sealed);
    const refs = prepared.map((p) => p.ref);
    const { item: next } = await appendInTx(
      db,
      item,
      {
        action,
        data: {
          artifacts: refs.map(({ role, path, sha256 }) => ({ role, path, sha256 })),
          ...data,
        },
        patch: { ...more, artifacts: [...item.artifacts, ...refs] },
      },
      at,
    );
    return next;
  });
}
