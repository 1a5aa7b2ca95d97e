import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyCustodyLines } from '../custody';
import { sha256HexSync, utf8, ZERO_HASH } from '../hash';
import { CHUNK_SIZE, isQuotaError, type EvidenceDb } from './db';
import { contentDigest } from './derive';
import {
  getCustody,
  getCustodyLines,
  readArtifactBytes,
  readArtifactChunks,
  saveCapture,
} from './items';
import { freshDb, sampleCapture } from './test-support';

const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let db: EvidenceDb;
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

async function counts(d: EvidenceDb) {
  return {
    items: await d.items.count(),
    artifacts: await d.artifacts.count(),
    chunks: await d.chunks.count(),
    custody: await d.custody.count(),
  };
}

describe('saveCapture', () => {
  it('stores bytes, hashes and custody line 0 as the spec shows', async () => {
    db = freshDb();
    const html = utf8('<html>Привет</html>');
    const png = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const item = await saveCapture(
      db,
      sampleCapture({
        captured_at: '2026-11-12T08:15:02.120Z',
        requested_url: 'http://example.org/n/1',
        artifacts: [
          { role: 'html_snapshot', name: 'page.html', media_type: 'text/html', bytes: html },
          { role: 'screenshot', name: 'screenshot.png', media_type: 'image/png', bytes: png },
        ],
      }),
    );
    expect(item.artifacts.map((a) => a.path)).toEqual([
      `items/${item.id}/page.html`,
      `items/${item.id}/screenshot.png`,
    ]);
    expect(item.artifacts.map((a) => a.sha256)).toEqual([nodeSha(html), nodeSha(png)]);
    expect(await readArtifactBytes(db, item.artifacts[0]!.artifact_id)).toEqual(html);
    expect(await readArtifactBytes(db, item.artifacts[1]!.artifact_id)).toEqual(png);
    const [rec] = await getCustody(db, item.id);
    const a = item.artifacts;
    expect(rec!.line).toBe(
      `{"seq":0,"at":"2026-11-12T08:15:02.120Z","action":"captured","prev":"${ZERO_HASH}","data":{"artifacts":[` +
        `{"role":"html_snapshot","path":"${a[0]!.path}","sha256":"${a[0]!.sha256}"},{"role":"screenshot","path":"${a[1]!.path}","sha256":"${a[1]!.sha256}"}]}}`,
    );
    expect(item.custody_head).toBe(sha256HexSync(rec!.line));
    expect(item.custody_length).toBe(1);
    expect(item.content_digest).toBe(contentDigest(item.text));
    expect(item.words).toEqual(expect.arrayContaining(['задержан', 'example', 'активиста']));
    expect(item.requested_url).toBe('http://example.org/n/1');
    expect(await db.items.get(item.id)).toEqual(item);
  });

  it('splits a 9 MiB artifact into 4 MiB copies and reads it back one chunk at a time', async () => {
    db = freshDb();
    const big = new Uint8Array(9 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4093) big[i] = i % 251;
    const item = await saveCapture(
      db,
      sampleCapture({
        artifacts: [{ role: 'media', name: 'video.webm', media_type: 'video/webm', bytes: big }],
      }),
    );
    const id = item.artifacts[0]!.artifact_id;
    expect((await db.artifacts.get(id))!.chunk_count).toBe(3);
    const sizes: number[] = [];
    for await (const c of readArtifactChunks(db, id)) {
      sizes.push(c.byteLength);
      // A stored chunk owns its buffer; a view would have stored all 9 MiB three times.
      expect(c.buffer.byteLength).toBe(c.byteLength);
    }
    expect(sizes).toEqual([CHUNK_SIZE, CHUNK_SIZE, 1024 * 1024]);
    expect(nodeSha(await readArtifactBytes(db, id))).toBe(nodeSha(big));
    expect(item.artifacts[0]!.sha256).toBe(nodeSha(big));
  });

  it('reads one chunk ahead: a missing chunk fails when reached, and stopping early leaves no stray error', async () => {
    db = freshDb();
    const big = new Uint8Array(9 * 1024 * 1024).fill(7);
    const item = await saveCapture(
      db,
      sampleCapture({
        artifacts: [{ role: 'media', name: 'video.webm', media_type: 'video/webm', bytes: big }],
      }),
    );
    const id = item.artifacts[0]!.artifact_id;
    await db.chunks.delete([id, 1]);
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const c of readArtifactChunks(db, id)) got.push(c.byteLength);
      })(),
    ).rejects.toThrow('Chunk 1 of artifact video.webm is missing');
    expect(got).toEqual([CHUNK_SIZE]);
    // The read of chunk 1 was already under way when the consumer stopped after chunk 0: its
    // failure must not surface as an unhandled rejection (vitest fails the run on one).
    for await (const c of readArtifactChunks(db, id)) {
      expect(c.byteLength).toBe(CHUNK_SIZE);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  });

  it('uses content_text for the digest, and equal content gives equal digests', async () => {
    db = freshDb();
    const a = await saveCapture(
      db,
      sampleCapture({ text: 'shown', content_text: '  Same   text\n' }),
    );
    const b = await saveCapture(db, sampleCapture({ text: 'other', content_text: 'Same text' }));
    expect(a.content_digest).toBe(b.content_digest);
    expect(a.content_digest).toBe(sha256HexSync('Same text'));
  });

  it('records tags and case given at capture time as events, and finishes the job', async () => {
    db = freshDb();
    const c = {
      id: crypto.randomUUID(),
      title: 'Case A',
      description: '',
      created_at: '2026-01-01T00:00:00.000Z',
    };
    await db.cases.add(c);
    await db.jobs.add({
      id: 'job-1',
      url: 'https://example.org/news/1',
      status: 'running',
      started_at: '2026-01-01T00:00:00.000Z',
    });
    const item = await saveCapture(
      db,
      sampleCapture({ tags: ['b', ' a ', 'b', ''], case_id: c.id, job_id: 'job-1' }),
    );
    expect(item.tags).toEqual(['b', 'a']);
    expect(item.case_id).toBe(c.id);
    const lines = await getCustodyLines(db, item.id);
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual([
      'captured',
      'tagged',
      'case_assigned',
    ]);
    expect(verifyCustodyLines(lines)).toEqual({ ok: true, head: item.custody_head, length: 3 });
    expect(await db.jobs.get('job-1')).toMatchObject({ status: 'done', item_id: item.id });
  });

  it('rejects captures without artifacts or with unsafe names, writing nothing', async () => {
    db = freshDb();
    await expect(saveCapture(db, sampleCapture({ artifacts: [] }))).rejects.toThrow(
      /at least one artifact/,
    );
    const bad = (name: string) =>
      sampleCapture({
        artifacts: [{ role: 'metadata', name, media_type: 'text/plain', bytes: utf8('x') }],
      });
    for (const name of ['../x', '..', 'a/b', 'a\\b', 'a\u0000b', 'custody.jsonl', ''])
      await expect(saveCapture(db, bad(name))).rejects.toThrow(/artifact name/);
    await expect(saveCapture(db, sampleCapture({ case_id: crypto.randomUUID() }))).rejects.toThrow(
      /No case/,
    );
    expect(await counts(db)).toEqual({ items: 0, artifacts: 0, chunks: 0, custody: 0 });
  });

  it('leaves nothing behind when the quota runs out mid-transaction', async () => {
    db = freshDb();
    const kept = await saveCapture(db, sampleCapture());
    const before = await counts(db);
    const original = db.chunks.bulkAdd.bind(db.chunks);
    // The chunks are written first, then the "disk" is full: everything must roll back.
    vi.spyOn(db.chunks, 'bulkAdd').mockImplementation((...args: Parameters<typeof original>) =>
      original(...args).then(() => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }),
    );
    const big = new Uint8Array(CHUNK_SIZE + 10);
    const err: unknown = await saveCapture(
      db,
      sampleCapture({
        artifacts: [{ role: 'media', name: 'v.webm', media_type: 'video/webm', bytes: big }],
      }),
    ).catch((e: unknown) => e);
    expect(isQuotaError(err)).toBe(true);
    expect(await counts(db)).toEqual(before);
    expect(await db.items.toCollection().primaryKeys()).toEqual([kept.id]);
  });

  it('refuses to overwrite an existing item id', async () => {
    db = freshDb();
    const first = await saveCapture(db, sampleCapture());
    await expect(
      saveCapture(db, sampleCapture({ id: first.id, title: 'forged' })),
    ).rejects.toThrow();
    expect((await db.items.get(first.id))!.title).toBe(first.title);
    expect(await db.custody.count()).toBe(1);
  });
});
