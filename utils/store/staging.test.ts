import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHUNK_SIZE, type EvidenceDb } from './db';
import { checkIntegrity, readArtifactBytes, readArtifactChunks, saveCapture } from './items';
import { InsufficientSpaceError, SPACE_MARGIN } from './quota';
import { beginStagedArtifact, sweepStagedArtifacts, type StagedArtifact } from './staging';
import { freshDb, sampleCapture } from './test-support';
import { utf8 } from '../hash';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let db: EvidenceDb;
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

/** Deterministic bytes (not all equal, so a chunk written in the wrong place is noticed). */
function pattern(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Feeds `bytes` to a new stager in pieces of `piece` bytes. */
async function stage(bytes: Uint8Array, piece = 65_536): Promise<StagedArtifact> {
  const s = await beginStagedArtifact(db);
  for (let off = 0; off < bytes.byteLength; off += piece)
    await s.write(bytes.subarray(off, off + piece));
  expect(s.bytesWritten).toBe(bytes.byteLength);
  return s.finish();
}

async function counts() {
  return {
    items: await db.items.count(),
    artifacts: await db.artifacts.count(),
    chunks: await db.chunks.count(),
    custody: await db.custody.count(),
    staging: await db.staging.count(),
  };
}

const mediaCapture = (staged: StagedArtifact) =>
  sampleCapture({
    kind: 'video',
    artifacts: [
      { role: 'media', name: 'video.mp4', media_type: 'video/mp4', staged },
      { role: 'metadata', name: 'meta.json', media_type: 'application/json', bytes: utf8('{}') },
    ],
  });

describe('staging a large artifact', () => {
  const sizes: Array<[string, number, number]> = [
    ['0 bytes', 0, 0],
    ['1 byte', 1, 1],
    ['one byte short of a chunk', CHUNK_SIZE - 1, 1],
    ['exactly one chunk', CHUNK_SIZE, 1],
    ['one byte over a chunk', CHUNK_SIZE + 1, 2],
    ['several chunks and a tail', 3 * CHUNK_SIZE + 12_345, 4],
  ];
  for (const [label, size, chunkCount] of sizes) {
    it(`splits ${label} into ${chunkCount} chunk(s), hashed as one piece`, async () => {
      db = freshDb();
      const bytes = pattern(size);
      // Pieces of an awkward size, so chunk boundaries fall inside a write.
      const staged = await stage(bytes, 1_000_003);
      expect(staged).toEqual({
        artifact_id: staged.artifact_id,
        sha256: nodeSha(bytes),
        size,
        chunk_count: chunkCount,
      });
      const rows = await db.chunks.where('artifact_id').equals(staged.artifact_id).toArray();
      expect(rows.map((r) => r.index)).toEqual([...Array(chunkCount).keys()]);
      for (const r of rows.slice(0, -1)) expect(r.data.byteLength).toBe(CHUNK_SIZE);
      if (size > 0) expect(rows.at(-1)!.data.byteLength).toBe(size - (chunkCount - 1) * CHUNK_SIZE);
      // The last chunk's buffer is its own size (a view would store the whole 4 MiB buffer).
      if (size > 0) expect(rows.at(-1)!.data.buffer.byteLength).toBe(rows.at(-1)!.data.byteLength);
      expect(await db.staging.get(staged.artifact_id)).toMatchObject({
        artifact_id: staged.artifact_id,
      });
    });
  }

  it('holds at most one chunk: a 12 MiB file arriving 1 byte then 12 MiB at once', async () => {
    db = freshDb();
    const bytes = pattern(3 * CHUNK_SIZE);
    const s = await beginStagedArtifact(db);
    await s.write(bytes.subarray(0, 1));
    await s.write(bytes.subarray(1));
    const staged = await s.finish();
    expect(staged.sha256).toBe(nodeSha(bytes));
    expect(staged.chunk_count).toBe(3);
  });

  it('abort deletes every chunk and the mark, is idempotent, and later writes fail', async () => {
    db = freshDb();
    const other = await stage(pattern(CHUNK_SIZE + 5, 7));
    const s = await beginStagedArtifact(db, { jobId: 'job-1' });
    await s.write(pattern(2 * CHUNK_SIZE + 100));
    expect(await db.chunks.where('artifact_id').equals(s.artifact_id).count()).toBe(2);
    await Promise.all([s.abort(), s.abort()]);
    await s.abort();
    expect(await db.chunks.where('artifact_id').equals(s.artifact_id).count()).toBe(0);
    expect(await db.staging.get(s.artifact_id)).toBeUndefined();
    await expect(s.write(new Uint8Array(1))).rejects.toThrow(/aborted/);
    // Another staged artifact is untouched.
    expect(await db.chunks.where('artifact_id').equals(other.artifact_id).count()).toBe(2);
  });

  it('a failed write of the last full chunk surfaces at finish()', async () => {
    db = freshDb();
    const s = await beginStagedArtifact(db);
    const add = vi.spyOn(db.chunks, 'add').mockRejectedValueOnce(new Error('disk gone'));
    await s.write(pattern(CHUNK_SIZE));
    await expect(s.finish()).rejects.toThrow(/disk gone/);
    add.mockRestore();
    await s.abort();
    expect(await counts()).toMatchObject({ chunks: 0, staging: 0 });
  });

  it('abort after finish deletes a staged artifact that was never committed', async () => {
    db = freshDb();
    const s = await beginStagedArtifact(db);
    await s.write(pattern(CHUNK_SIZE * 2));
    await s.finish();
    await s.abort();
    expect(await counts()).toMatchObject({ chunks: 0, staging: 0 });
  });

  it('a failed chunk write breaks the stager; abort then removes what was written', async () => {
    db = freshDb();
    const s = await beginStagedArtifact(db);
    await s.write(pattern(CHUNK_SIZE));
    const quota = new DOMException('full', 'QuotaExceededError');
    const add = vi.spyOn(db.chunks, 'add').mockRejectedValueOnce(quota);
    // A full chunk is written while the next one fills: its failure surfaces at the next
    // chunk boundary or at finish(), never silently.
    await s.write(pattern(CHUNK_SIZE));
    await expect(s.write(pattern(CHUNK_SIZE))).rejects.toBe(quota);
    add.mockRestore();
    await expect(s.write(new Uint8Array(1))).rejects.toThrow(/broken/);
    await expect(s.finish()).rejects.toThrow(/broken/);
    await s.abort();
    expect(await counts()).toMatchObject({ chunks: 0, staging: 0 });
  });
});

describe('saving a capture with a staged artifact', () => {
  it('commits the artifact, custody line 0 with its hash and the removal of the mark', async () => {
    db = freshDb();
    const bytes = pattern(2 * CHUNK_SIZE + 999);
    const staged = await stage(bytes);
    const item = await saveCapture(db, mediaCapture(staged));
    const ref = item.artifacts.find((a) => a.role === 'media')!;
    expect(ref).toMatchObject({
      artifact_id: staged.artifact_id,
      sha256: nodeSha(bytes),
      size: bytes.byteLength,
      path: `items/${item.id}/video.mp4`,
    });
    expect(await db.artifacts.get(staged.artifact_id)).toMatchObject({
      item_id: item.id,
      chunk_count: 3,
      sha256: nodeSha(bytes),
    });
    const line0 = JSON.parse((await db.custody.get([item.id, 0]))!.line) as {
      data: { artifacts: Array<{ sha256: string; path: string }> };
    };
    expect(line0.data.artifacts[0]).toEqual({
      role: 'media',
      path: ref.path,
      sha256: nodeSha(bytes),
    });
    expect(await counts()).toMatchObject({ items: 1, artifacts: 2, staging: 0, chunks: 4 });
    // Integrity checks, reads and exports read chunks by artifact id, as for any artifact.
    expect(nodeSha(await readArtifactBytes(db, staged.artifact_id))).toBe(nodeSha(bytes));
    let n = 0;
    for await (const c of readArtifactChunks(db, staged.artifact_id)) n += c.byteLength;
    expect(n).toBe(bytes.byteLength);
    expect((await checkIntegrity(db, item.id)).ok).toBe(true);
    // abort() after the commit does not touch a committed artifact.
    await sweepStagedArtifacts(db, '9999-01-01T00:00:00.000Z');
    expect(await db.chunks.count()).toBe(4);
  });

  it('a failing save writes nothing and leaves the staged chunks for the caller to abort', async () => {
    db = freshDb();
    const staged = await stage(pattern(CHUNK_SIZE + 1));
    const input = mediaCapture(staged);
    input.case_id = 'no-such-case'; // fails inside the transaction, after the artifacts were added
    await expect(saveCapture(db, input)).rejects.toThrow(/No case/);
    expect(await counts()).toEqual({ items: 0, artifacts: 0, chunks: 2, custody: 0, staging: 1 });
    const again = await saveCapture(db, mediaCapture(staged)); // still committable
    expect(again.artifacts[0]!.sha256).toBe(staged.sha256);
  });

  it('refuses a staged artifact that was aborted or is missing chunks', async () => {
    db = freshDb();
    const s = await beginStagedArtifact(db);
    await s.write(pattern(CHUNK_SIZE + 1));
    const staged = await s.finish();
    await db.chunks.delete([staged.artifact_id, 1]);
    await expect(saveCapture(db, mediaCapture(staged))).rejects.toThrow(/1 chunks stored/);
    await s.abort();
    await expect(saveCapture(db, mediaCapture(staged))).rejects.toThrow(/no longer staged/);
    await expect(saveCapture(db, mediaCapture({ ...staged, chunk_count: 5 }))).rejects.toThrow(
      /inconsistent/,
    );
    expect(await counts()).toEqual({ items: 0, artifacts: 0, chunks: 0, custody: 0, staging: 0 });
  });
});

describe('start-up sweep', () => {
  it('deletes chunks a stopped worker staged, keeps committed items and live stagers', async () => {
    db = freshDb();
    const kept = await saveCapture(db, mediaCapture(await stage(pattern(CHUNK_SIZE + 3, 3))));
    // A worker stopped mid-download: chunks and a mark, no artifact.
    const dead = await beginStagedArtifact(db, { jobId: 'dead' });
    await dead.write(pattern(2 * CHUNK_SIZE + 1, 5));
    const finishedDead = await beginStagedArtifact(db);
    await finishedDead.write(pattern(10));
    await finishedDead.finish();
    await new Promise((r) => setTimeout(r, 5));
    const workerStart = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const live = await beginStagedArtifact(db);
    await live.write(pattern(CHUNK_SIZE));

    expect(await sweepStagedArtifacts(db, workerStart)).toBe(2);
    expect(await db.chunks.where('artifact_id').equals(dead.artifact_id).count()).toBe(0);
    expect(await db.chunks.where('artifact_id').equals(finishedDead.artifact_id).count()).toBe(0);
    expect(await db.chunks.where('artifact_id').equals(live.artifact_id).count()).toBe(1);
    expect((await db.staging.toArray()).map((m) => m.artifact_id)).toEqual([live.artifact_id]);
    expect((await checkIntegrity(db, kept.id)).ok).toBe(true);
    expect(await sweepStagedArtifacts(db, workerStart)).toBe(0);
  });
});

describe('space check', () => {
  it('refuses before writing when the known size does not fit, naming both figures', async () => {
    db = freshDb();
    const estimate = vi.fn(async () => ({ quota: 1_000_000_000, usage: 900_000_000 }));
    const err = await beginStagedArtifact(db, { expectedSize: 50_000_000, estimate }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InsufficientSpaceError);
    expect(err).toMatchObject({ needed: 50_000_000 + SPACE_MARGIN, free: 100_000_000 });
    expect(await counts()).toMatchObject({ chunks: 0, staging: 0 });
  });

  it('goes ahead when it fits, when the size is unknown, or when there is no estimate', async () => {
    db = freshDb();
    const estimate = vi.fn(async () => ({ quota: 10_000_000_000, usage: 1 }));
    await (await beginStagedArtifact(db, { expectedSize: 1_000_000_000, estimate })).abort();
    expect(estimate).toHaveBeenCalledOnce();
    const small = vi.fn(async () => ({ quota: 10, usage: 10 }));
    await (await beginStagedArtifact(db, { estimate: small })).abort();
    expect(small).not.toHaveBeenCalled();
    const failing = vi.fn(async () => Promise.reject(new Error('no estimate')));
    await (await beginStagedArtifact(db, { expectedSize: 5, estimate: failing })).abort();
    expect(await counts()).toMatchObject({ chunks: 0, staging: 0 });
  });
});
