/**
 * Artifacts made after an item was saved, from what it stores (the thumbnails of a video, drawn
 * from the stored file): added with ONE `artifact_added` custody event that lists each with its
 * hash and says how they were made, in one transaction.
 */
import { utcNow } from '../custody';
import { sha256Hex } from '../hash';
import type { ArtifactRecord, ArtifactRef, ArtifactRole, CustodyRecord } from '../schemas';
import { appendInTx } from './custody-store';
import type { EvidenceDb } from './db';
import { splitChunks } from './save';

export const ARTIFACT_ADDED = 'artifact_added';

export interface DerivedArtifact {
  role: ArtifactRole;
  name: string;
  media_type: string;
  bytes: Uint8Array;
}

export async function addDerivedArtifacts(
  db: EvidenceDb,
  itemId: string,
  artifacts: DerivedArtifact[],
  data: Record<string, unknown>,
): Promise<CustodyRecord> {
  if (artifacts.length === 0) throw new Error('Nothing to add');
  const hashes = await Promise.all(artifacts.map((a) => sha256Hex(a.bytes)));
  const at = utcNow();
  return db.transaction('rw', [db.items, db.artifacts, db.chunks, db.custody], async () => {
    const item = await db.items.get(itemId);
    if (!item) throw new Error(`No item with id ${itemId}`);
    const taken = new Set(item.artifacts.map((a) => a.path));
    const refs: ArtifactRef[] = [];
    for (const [i, a] of artifacts.entries()) {
      const path = `items/${itemId}/${a.name}`;
      if (taken.has(path) || a.name.includes('/') || a.name === 'custody.jsonl')
        throw new Error(`Artifact name "${a.name}" is taken or invalid`);
      const id = crypto.randomUUID();
      const chunks = splitChunks(id, a.bytes);
      const record: ArtifactRecord = {
        id,
        item_id: itemId,
        role: a.role,
        name: a.name,
        media_type: a.media_type,
        size: a.bytes.byteLength,
        sha256: hashes[i]!,
        chunk_count: chunks.length,
        created_at: at,
      };
      await db.artifacts.add(record);
      if (chunks.length) await db.chunks.bulkAdd(chunks);
      refs.push({
        role: a.role,
        path,
        sha256: record.sha256,
        artifact_id: id,
        size: record.size,
        media_type: a.media_type,
      });
    }
    const { record } = await appendInTx(
      db,
      item,
      {
        action: ARTIFACT_ADDED,
        data: {
          ...data,
          artifacts: refs.map(({ role, path, sha256 }) => ({ role, path, sha256 })),
        },
        patch: { artifacts: [...item.artifacts, ...refs] },
      },
      at,
    );
    return record;
  });
}
