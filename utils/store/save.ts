/**
 * Saving a capture: hash every artifact once, then write the item, its artifacts, their
 * chunks, custody line 0 and the job's outcome in ONE transaction, so a quota error or a
 * killed worker leaves nothing half-written. Large files arrive already staged (their chunks
 * written and hashed while streaming, utils/store/staging.ts): the same transaction turns them
 * into artifacts and removes their staging marks.
 */
import type { Table } from 'dexie';
import {
  ArtifactRecord,
  Item,
  type CustodyRecord,
  type ArtifactRef,
  type ArtifactRole,
  type ChunkRecord,
  type Detection,
  type Environment,
  type ItemKind,
} from '../schemas';
import { utcNow } from '../custody';
import { sha256Hex, ZERO_HASH } from '../hash';
import { CHUNK_SIZE, type EvidenceDb } from './db';
import { appendInTx, nextCustodyRecord } from './custody-store';
import { contentDigest, itemWords } from './derive';
import { normalizeTags } from './tags';
import { chunksOf, type StagedArtifact } from './staging';
import { StoreLockedError } from './store-crypto';

/**
 * One artifact of a new capture: its bytes, or a staged artifact whose chunks are already
 * stored (a large file streamed in; see utils/store/staging.ts).
 */
export type NewArtifact = {
  role: ArtifactRole;
  /** File name inside the item's folder, e.g. `page.html`. */
  name: string;
  media_type: string;
} & ({ bytes: Uint8Array; staged?: never } | { staged: StagedArtifact; bytes?: never });

/** Everything a capture produced, as handed to the store. */
export interface NewCapture {
  id?: string;
  kind: ItemKind;
  url: string;
  requested_url?: string;
  title: string;
  captured_at?: string;
  case_id?: string | null;
  source: Record<string, unknown>;
  environment: Environment;
  alterations: string[];
  text: string;
  detection?: Detection | null;
  tags?: string[];
  artifacts: NewArtifact[];
  job_id?: string;
  /** Text used for content_digest; defaults to `text`. */
  content_text?: string;
  /** The state of a full-page screenshot that is taken after the save (page captures). */
  full_page?: Item['full_page'];
}

// custody.jsonl sits beside the artifacts in a pack, so no artifact may take its name.
const RESERVED_NAMES = new Set(['custody.jsonl', '.', '..']);

/** Names become pack entry names: one path segment, no control characters, bounded length. */
export function isSafeName(name: string): boolean {
  if (name === '' || name.length > 200 || RESERVED_NAMES.has(name)) return false;
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (ch === '/' || ch === '\\' || code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

function checkArtifactNames(artifacts: NewArtifact[]): void {
  if (artifacts.length === 0) throw new Error('A capture must have at least one artifact');
  const seen = new Set<string>();
  for (const a of artifacts) {
    if (!isSafeName(a.name)) throw new Error(`Invalid artifact name "${a.name}"`);
    if (seen.has(a.name)) throw new Error(`Two artifacts are named "${a.name}"`);
    seen.add(a.name);
  }
}

/**
 * Splits bytes into CHUNK_SIZE copies. Copies, not views: IndexedDB clones a view's whole
 * underlying buffer, so a view would store the full artifact once per chunk.
 */
export function splitChunks(artifactId: string, bytes: Uint8Array): ChunkRecord[] {
  const chunks: ChunkRecord[] = [];
  for (let index = 0, start = 0; start < bytes.byteLength; index++, start += CHUNK_SIZE) {
    chunks.push({ artifact_id: artifactId, index, data: bytes.slice(start, start + CHUNK_SIZE) });
  }
  return chunks;
}

/** A capture ready to write: hashed, its records and custody line 0 built. Nothing stored yet. */
export interface PreparedCapture {
  id: string;
  capturedAt: string;
  /** SHA-256 of each artifact's plaintext, in the order of `input.artifacts`. */
  hashes: string[];
  records: ArtifactRecord[];
  chunks: ChunkRecord[];
  staged: StagedArtifact[];
  tags: string[];
  caseId: string | null;
  line0: CustodyRecord;
  item: Item;
}

/**
 * Everything saveCapture computes before it writes: the hashes over the plaintext, the
 * artifact records, the item and custody line 0. A capture sealed while the store is locked
 * (sealed-queue.ts) is prepared the same way, so its hashes and line 0 are the ones the save
 * after unlock must reproduce.
 */
export async function prepareCapture(
  input: NewCapture,
  opts: { timings?: Record<string, number> } = {},
): Promise<PreparedCapture> {
  checkArtifactNames(input.artifacts);
  const tHash = performance.now();
  const id = input.id ?? crypto.randomUUID();
  const capturedAt = input.captured_at ?? utcNow();
  // Hash outside the transaction: awaiting WebCrypto inside it would let it commit early.
  // Staged artifacts were hashed while they streamed in.
  const hashes = await Promise.all(
    input.artifacts.map((a) => (a.staged ? Promise.resolve(a.staged.sha256) : sha256Hex(a.bytes))),
  );
  if (opts.timings) opts.timings.hash = performance.now() - tHash;

  const records: ArtifactRecord[] = [];
  const refs: ArtifactRef[] = [];
  const chunks: ChunkRecord[] = [];
  const staged: StagedArtifact[] = [];
  input.artifacts.forEach((a, i) => {
    const sha256 = hashes[i]!;
    let artifactId: string;
    let size: number;
    let chunkCount: number;
    if (a.staged) {
      checkStaged(a.name, a.staged);
      staged.push(a.staged);
      ({ artifact_id: artifactId, size, chunk_count: chunkCount } = a.staged);
    } else {
      artifactId = crypto.randomUUID();
      size = a.bytes.byteLength;
      const parts = splitChunks(artifactId, a.bytes);
      chunks.push(...parts);
      chunkCount = parts.length;
    }
    records.push(
      ArtifactRecord.parse({
        id: artifactId,
        item_id: id,
        role: a.role,
        name: a.name,
        media_type: a.media_type,
        size,
        sha256,
        chunk_count: chunkCount,
        created_at: capturedAt,
      }),
    );
    refs.push({
      role: a.role,
      path: `items/${id}/${a.name}`,
      sha256,
      artifact_id: artifactId,
      size,
      media_type: a.media_type,
    });
  });

  const tags = normalizeTags(input.tags ?? []);
  const caseId = input.case_id ?? null;
  // Line 0 lists the artifacts exactly as the pack spec shows: role, path, sha256.
  const line0 = nextCustodyRecord(
    { id, custody_head: ZERO_HASH, custody_length: 0 },
    'captured',
    { artifacts: refs.map(({ role, path, sha256 }) => ({ role, path, sha256 })) },
    capturedAt,
  );
  const item = Item.parse({
    id,
    kind: input.kind,
    url: input.url,
    ...(input.requested_url !== undefined && input.requested_url !== input.url
      ? { requested_url: input.requested_url }
      : {}),
    title: input.title,
    captured_at: capturedAt,
    case_id: null,
    source: input.source,
    environment: input.environment,
    artifacts: refs,
    custody_head: line0.hash,
    custody_length: 1,
    detection: input.detection ?? null,
    tags: [],
    notes: '',
    alterations: input.alterations,
    content_digest: contentDigest(input.content_text ?? input.text),
    text: input.text,
    words: itemWords({ title: input.title, url: input.url, text: input.text }),
    ...(input.full_page ? { full_page: input.full_page } : {}),
  });
  return { id, capturedAt, hashes, records, chunks, staged, tags, caseId, line0, item };
}

/**
 * Work done inside the save's transaction after the item is written (the sealed queue's
 * unseal: check line 0, record the unsealing, delete the queue entry), with the extra tables
 * it needs. It may await Dexie calls only.
 */
export interface SaveHook {
  tables: Table[];
  run(saved: Item, prepared: PreparedCapture): Promise<Item>;
}

/** Saves a capture atomically and returns the stored item. */
export async function saveCapture(
  db: EvidenceDb,
  input: NewCapture,
  opts: { timings?: Record<string, number>; inTransaction?: SaveHook } = {},
): Promise<Item> {
  const prepared = await prepareCapture(input, opts);
  const { id, capturedAt, records, chunks, staged, tags, caseId, line0, item } = prepared;

  // Encrypt outside the transaction too (WebCrypto is async), after hashing the plaintext.
  const sealed = await sealChunks(db, chunks);

  const tWrite = performance.now();
  const saved = await db.transaction(
    'rw',
    [
      db.items,
      db.artifacts,
      db.chunks,
      db.custody,
      db.jobs,
      db.cases,
      db.staging,
      ...(opts.inTransaction?.tables ?? []),
    ],
    async () => {
      for (const s of staged) await claimStaged(db, s);
      await db.items.add(item);
      await db.artifacts.bulkAdd(records);
      if (sealed.length > 0) await db.chunks.bulkAdd(sealed);
      await db.custody.add(line0);
      let saved = item;
      // Tags and a case given at capture time are recorded as their own events, like later edits,
      // so the log shows every annotation an item carries.
      if (tags.length > 0) {
        saved = (
          await appendInTx(
            db,
            saved,
            { action: 'tagged', data: { tags, added: tags, removed: [] }, patch: { tags } },
            capturedAt,
          )
        ).item;
      }
      if (caseId !== null) {
        const c = await db.cases.get(caseId);
        if (!c) throw new Error(`No case with id ${caseId}`);
        saved = (
          await appendInTx(
            db,
            saved,
            {
              action: 'case_assigned',
              data: { case_id: c.id, case_title: c.title },
              patch: { case_id: c.id },
            },
            capturedAt,
          )
        ).item;
      }
      if (input.job_id !== undefined) {
        await db.jobs.update(input.job_id, { status: 'done', item_id: id, finished_at: utcNow() });
      }
      if (opts.inTransaction) saved = await opts.inTransaction.run(saved, prepared);
      return saved;
    },
  );
  if (opts.timings) opts.timings.store_write = performance.now() - tWrite;
  return saved;
}

/**
 * The chunks as they go to disk: encrypted when the store is unlocked, else as they are.
 * `chunks` must hold every chunk of each artifact in it (the last one is sealed as last).
 * Call it outside any transaction (WebCrypto is asynchronous). A locked encrypted store is
 * refused rather than written in clear.
 */
export async function sealChunks(db: EvidenceDb, chunks: ChunkRecord[]): Promise<ChunkRecord[]> {
  const c = db.storeCrypto;
  if (!c && db.vaultLocked) throw new StoreLockedError();
  if (!c) return chunks;
  const counts = new Map<string, number>();
  for (const ch of chunks) counts.set(ch.artifact_id, (counts.get(ch.artifact_id) ?? 0) + 1);
  return Promise.all(
    chunks.map(async (ch) => ({
      artifact_id: ch.artifact_id,
      index: ch.index,
      data: await c.sealChunk(
        ch.artifact_id,
        ch.index,
        ch.index === counts.get(ch.artifact_id)! - 1,
        ch.data,
      ),
      enc: 1 as const,
    })),
  );
}

/** A staged artifact's figures must agree with each other before they go into a record. */
function checkStaged(name: string, s: StagedArtifact): void {
  if (!/^[0-9a-f]{64}$/.test(s.sha256) || s.chunk_count !== Math.ceil(s.size / CHUNK_SIZE))
    throw new Error(`The staged artifact "${name}" is inconsistent`);
}

/**
 * Inside the save transaction: the staged chunks must still be there, all of them (an abort or
 * the start-up sweep may have removed them), and their mark goes with this commit.
 */
async function claimStaged(db: EvidenceDb, s: StagedArtifact): Promise<void> {
  if (!(await db.staging.get(s.artifact_id)))
    throw new Error(`The staged artifact ${s.artifact_id} is no longer staged`);
  const stored = await chunksOf(db, s.artifact_id).count();
  if (stored !== s.chunk_count)
    throw new Error(
      `The staged artifact ${s.artifact_id} has ${stored} chunks stored, expected ${s.chunk_count}`,
    );
  await db.staging.delete(s.artifact_id);
}
