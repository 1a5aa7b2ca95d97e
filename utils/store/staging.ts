/**
 * Staging a large artifact: its bytes are streamed into `chunks` as they arrive, hashed on the
 * way (incremental SHA-256), and never held whole in memory. Until saveCapture commits the item
 * that owns it, a staging mark records that the chunks belong to no artifact yet; abort()
 * deletes them, and so does the sweep at the next start of a worker that was stopped meanwhile.
 * Pure module (no browser imports): the tests run it on fake-indexeddb.
 */
import { Dexie } from 'dexie';
import { defaultSha256 } from '../pack/sha256';
import type { Sha256Hasher } from '../pack/types';
import { CHUNK_SIZE, type EvidenceDb } from './db';
import { ensureSpace, type EstimateFn } from './quota';
import { StoreLockedError } from './store-crypto';

/** A staged artifact whose bytes are all stored; hand it to saveCapture as `staged`. */
export interface StagedArtifact {
  artifact_id: string;
  sha256: string;
  size: number;
  chunk_count: number;
}

/** The record that chunks of `artifact_id` are staged, not yet part of an item. */
export interface StagingMark {
  artifact_id: string;
  job_id?: string;
  started_at: string;
  expected_size?: number;
}

export interface ArtifactStager {
  readonly artifact_id: string;
  readonly bytesWritten: number;
  /**
   * Buffers to CHUNK_SIZE, writes each full chunk record in its own transaction, updates the
   * incremental SHA-256. Never holds more than about one chunk.
   */
  write(bytes: Uint8Array): Promise<void>;
  finish(): Promise<StagedArtifact>;
  /** Deletes every chunk written so far; idempotent; safe after finish() if not yet committed. */
  abort(): Promise<void>;
}

export interface StagingOptions {
  jobId?: string;
  /** When known, space is checked before anything is written (InsufficientSpaceError). */
  expectedSize?: number;
  /** Storage estimate; defaults to `navigator.storage.estimate` where it exists. */
  estimate?: EstimateFn;
}

/** Starts staging a new artifact: checks space when the size is known, then writes the mark. */
export async function beginStagedArtifact(
  db: EvidenceDb,
  opts: StagingOptions = {},
): Promise<ArtifactStager> {
  if (db.vaultLocked && !db.storeCrypto) throw new StoreLockedError();
  if (opts.expectedSize !== undefined) await ensureSpace(opts.expectedSize, opts.estimate);
  const hasher = await defaultSha256();
  const mark: StagingMark = {
    artifact_id: crypto.randomUUID(),
    started_at: new Date().toISOString(),
    ...(opts.jobId !== undefined ? { job_id: opts.jobId } : {}),
    ...(opts.expectedSize !== undefined ? { expected_size: opts.expectedSize } : {}),
  };
  await db.staging.add(mark);
  return new Stager(db, mark.artifact_id, hasher);
}

/** The key range of every chunk of one artifact, whatever their count. */
export function chunksOf(db: EvidenceDb, artifactId: string) {
  return db.chunks
    .where('[artifact_id+index]')
    .between([artifactId, Dexie.minKey], [artifactId, Dexie.maxKey], true, true);
}

/**
 * Deletes a staged artifact's chunks and its mark in one transaction. An artifact that was
 * committed meanwhile (its record exists) keeps its chunks: only a leftover mark goes.
 */
export async function discardStaged(db: EvidenceDb, artifactId: string): Promise<void> {
  await db.transaction('rw', [db.artifacts, db.chunks, db.staging], async () => {
    if (!(await db.artifacts.get(artifactId))) await chunksOf(db, artifactId).delete();
    await db.staging.delete(artifactId);
  });
}

/**
 * Deletes what stagers of an earlier worker left behind (it was stopped or the browser closed
 * mid-download). Marks made at or after `startedBefore` belong to live stagers of this worker
 * and are kept. Returns how many staged artifacts were deleted.
 */
export async function sweepStagedArtifacts(
  db: EvidenceDb,
  startedBefore: string = new Date().toISOString(),
): Promise<number> {
  const marks = await db.staging.toArray();
  const stale = marks.filter((m) => m.started_at < startedBefore);
  for (const m of stale) await discardStaged(db, m.artifact_id);
  return stale.length;
}

class Stager implements ArtifactStager {
  private buf: Uint8Array | undefined;
  /** The buffer of the last chunk stored, free for the next one. */
  private spare: Uint8Array | undefined;
  private fill = 0;
  private index = 0;
  private written = 0;
  private state: 'open' | 'finished' | 'aborted' | 'broken' = 'open';
  /** Writes run one after another even if a caller does not await each. */
  private tail: Promise<unknown> = Promise.resolve();
  /**
   * The full chunk being written while the next one fills: reading the network, hashing and
   * the database write overlap, with at most two chunks in memory.
   */
  private inflight: Promise<void> | undefined;
  private aborting: Promise<void> | undefined;

  constructor(
    private readonly db: EvidenceDb,
    readonly artifact_id: string,
    private readonly hasher: Sha256Hasher,
  ) {}

  get bytesWritten(): number {
    return this.written;
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.enqueue(() => this.guarded(() => this.append(bytes)));
  }

  finish(): Promise<StagedArtifact> {
    return this.enqueue(() =>
      this.guarded(async () => {
        await this.settle();
        // The last chunk is copied to its own size: IndexedDB would store the whole 4 MiB buffer.
        if (this.fill > 0)
          await this.store(
            this.fill === CHUNK_SIZE ? this.buf! : this.buf!.slice(0, this.fill),
            true,
          );
        this.state = 'finished';
        this.buf = this.spare = undefined;
        return {
          artifact_id: this.artifact_id,
          sha256: this.hasher.digestHex(),
          size: this.written,
          chunk_count: this.index,
        };
      }),
    );
  }

  abort(): Promise<void> {
    this.aborting ??= (async () => {
      this.state = 'aborted';
      await this.tail.catch(() => undefined);
      await this.inflight?.catch(() => undefined);
      this.buf = this.spare = undefined;
      await discardStaged(this.db, this.artifact_id);
    })();
    return this.aborting;
  }

  private enqueue<T>(f: () => Promise<T>): Promise<T> {
    const run = this.tail.then(f, f);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Runs `f` on an open stager; a failure leaves it broken (a chunk may be missing: abort). */
  private async guarded<T>(f: () => Promise<T>): Promise<T> {
    if (this.state !== 'open')
      throw new Error(`The staged artifact ${this.artifact_id} is ${this.state}`);
    try {
      return await f();
    } catch (e) {
      this.state = 'broken';
      throw e;
    }
  }

  private async append(bytes: Uint8Array): Promise<void> {
    this.hasher.update(bytes);
    for (let off = 0; off < bytes.byteLength;) {
      if (this.fill === CHUNK_SIZE) await this.flushFull(); // held back: more bytes follow it
      this.buf ??= this.spare ?? new Uint8Array(CHUNK_SIZE);
      if (this.buf === this.spare) this.spare = undefined;
      const n = Math.min(CHUNK_SIZE - this.fill, bytes.byteLength - off);
      this.buf.set(bytes.subarray(off, off + n), this.fill);
      this.fill += n;
      off += n;
      this.written += n;
      // A clear chunk is written as soon as it is full. An encrypted one is sealed as last or
      // not last, so it waits until a byte follows it (or finish() writes it as the last).
      if (this.fill === CHUNK_SIZE && !this.db.storeCrypto) await this.flushFull();
    }
  }

  /** Starts writing the full buffer (not the last chunk) while the next one fills. */
  private async flushFull(): Promise<void> {
    await this.settle();
    const data = this.buf!;
    this.buf = undefined;
    this.inflight = this.store(data, false).then(() => void (this.spare = data));
    this.inflight.catch(() => undefined); // awaited (and reported) by the next settle()
  }

  /** Waits for the chunk being written; its error, if any, is thrown here. */
  private async settle(): Promise<void> {
    const p = this.inflight;
    this.inflight = undefined;
    await p;
  }

  /**
   * One chunk, in its own transaction, so memory and transaction size stay one chunk.
   * Encrypted (outside the transaction) when the store is unlocked.
   */
  private async store(data: Uint8Array, last: boolean): Promise<void> {
    const index = this.index++;
    this.fill = 0;
    const c = this.db.storeCrypto;
    // Locked meanwhile: a chunk of an encrypted store is never written in clear.
    if (!c && this.db.vaultLocked) throw new StoreLockedError();
    const record = c
      ? {
          artifact_id: this.artifact_id,
          index,
          data: await c.sealChunk(this.artifact_id, index, last, data),
          enc: 1 as const,
        }
      : { artifact_id: this.artifact_id, index, data };
    await this.db.chunks.add(record);
  }
}
