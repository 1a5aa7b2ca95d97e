/** Reading artifact bytes back from their chunks (decrypted when they were stored encrypted). */
import type { ArtifactRecord } from '../schemas';
import type { EvidenceDb } from './db';
import { StoreLockedError } from './store-crypto';

async function artifactRecord(db: EvidenceDb, artifactId: string): Promise<ArtifactRecord> {
  const rec = await db.artifacts.get(artifactId);
  if (!rec) throw new Error(`No artifact with id ${artifactId}`);
  return rec;
}

/**
 * Yields an artifact's bytes one chunk at a time, so a large video never sits in memory
 * whole. Each chunk is its own read: an IndexedDB transaction cannot stay open across
 * the consumer's awaits, and artifacts never change once written.
 *
 * The next chunk is read (and, in an encrypted store, decrypted) while the consumer works on
 * the current one: IndexedDB and WebCrypto do their work off this thread, so the export's
 * hashing hides most of the cost of decryption. At most two chunks are held.
 */
export async function* readArtifactChunks(
  db: EvidenceDb,
  artifactId: string,
): AsyncGenerator<Uint8Array> {
  const rec = await artifactRecord(db, artifactId);
  const read = (index: number): Promise<Uint8Array> => {
    const p = readChunk(db, artifactId, index, rec.chunk_count, rec.name);
    // A consumer that stops early never awaits the read ahead: its failure is not unhandled.
    p.catch(() => undefined);
    return p;
  };
  let next = rec.chunk_count > 0 ? read(0) : undefined;
  for (let index = 0; index < rec.chunk_count; index++) {
    const current = await next!;
    next = index + 1 < rec.chunk_count ? read(index + 1) : undefined;
    yield current;
  }
}

/**
 * Chunk `index` of an artifact that has `chunkCount` chunks, as plaintext. Decrypted outside
 * any transaction; an encrypted chunk read while the store is locked is a StoreLockedError,
 * one moved, cut or changed a TamperedError.
 */
export async function readChunk(
  db: EvidenceDb,
  artifactId: string,
  index: number,
  chunkCount: number,
  name: string = artifactId,
): Promise<Uint8Array> {
  const chunk = await db.chunks.get([artifactId, index]);
  if (!chunk || !(chunk.data instanceof Uint8Array))
    throw new Error(`Chunk ${index} of artifact ${name} is missing`);
  if (chunk.enc !== 1) return chunk.data;
  const c = db.storeCrypto;
  if (!c) throw new StoreLockedError();
  return c.openChunk(artifactId, index, index === chunkCount - 1, chunk.data);
}

/** An artifact's bytes in one array; throws when chunks are missing or the size differs. */
export async function readArtifactBytes(db: EvidenceDb, artifactId: string): Promise<Uint8Array> {
  const rec = await artifactRecord(db, artifactId);
  const out = new Uint8Array(rec.size);
  let offset = 0;
  for await (const chunk of readArtifactChunks(db, artifactId)) {
    if (offset + chunk.byteLength > rec.size)
      throw new Error(`Artifact ${rec.name} has more bytes than its recorded size`);
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  if (offset !== rec.size)
    throw new Error(`Artifact ${rec.name} has ${offset} bytes, expected ${rec.size}`);
  return out;
}
