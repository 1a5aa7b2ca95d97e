/**
 * Large media files downloaded into the store, in real Chromium with the built extension:
 * exact bytes (the stored SHA-256 is the served file's), a cross-origin server without CORS
 * headers, dropped connections resumed with Range, servers that refuse to resume, empty files,
 * HTTP errors, a store that is full before or during the download, a worker stopped mid-file,
 * and a 1 GB file captured, exported in a signed pack and verified by `protokol verify`.
 * After every failure the store holds no chunk that no artifact owns.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDownloadOptions, TestDownloadResult } from '../entrypoints/background/test-hooks';
import type { SpaceEstimate } from '../utils/store/quota';
import { exportPack, launch, openExtensionPage, stopWorker, type Extension } from './browser';
import { expectedSha256, mediaPath, type MediaMode } from './media-server';
import { runCommand } from './run-command';
import { startServer, type TestServer } from './server';
import { countStore, dumpStore } from './store-reader';

const MEDIA_HOST = 'media.test';
const MiB = 1024 * 1024;
let ext: Extension;
let server: TestServer;
const work = mkdtempSync(join(tmpdir(), 'protokol-media-'));

/** A generated file on the media host (another origin than the pages, and no CORS headers). */
const mediaUrl = (mode: MediaMode, size: number, name?: string) =>
  `http://${MEDIA_HOST}:${server.port}${mediaPath(mode, size, name)}`;

async function download(url: string, opts: TestDownloadOptions = {}): Promise<TestDownloadResult> {
  const sw = await ext.worker();
  return sw.evaluate(
    ([u, o]) =>
      (
        globalThis as unknown as {
          __protokol: { downloadMedia(u: string, o: object): Promise<TestDownloadResult> };
        }
      ).__protokol.downloadMedia(u, o),
    [url, opts] as const,
  );
}

async function hook(name: 'simulateQuotaExceeded' | 'simulateStorageEstimate', ...args: unknown[]) {
  const sw = await ext.worker();
  await sw.evaluate(
    ([n, a]) => {
      const h = (globalThis as unknown as { __protokol: Record<string, (...x: unknown[]) => void> })
        .__protokol;
      h[n]!(...a);
    },
    [name, args] as const,
  );
}

/** The failure, or the test fails with what happened instead. */
function failed(r: TestDownloadResult): { code: string; params?: Record<string, string> } {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  return r.error;
}

/** Nothing half-written: no staged or ownerless chunk, and the item count as before. */
async function expectClean(itemsBefore: number): Promise<void> {
  const c = await countStore(await ext.worker());
  expect(c).toMatchObject({ staging: 0, orphanChunks: 0, items: itemsBefore });
}

beforeAll(async () => {
  server = await startServer();
  ext = await launch({ mapHosts: [MEDIA_HOST] });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('downloading a media file into the store', () => {
  it('stores the exact bytes of a cross-origin file served without CORS headers', async () => {
    const size = 10 * MiB + 3;
    const url = mediaUrl('ranges', size, 'raid.mp4');
    // A web page of another origin cannot read it (no Access-Control-Allow-Origin) …
    const page = await ext.ctx.newPage();
    await page.goto(server.url('ru-raid.html'));
    const fromPage = await page.evaluate(
      (u) =>
        fetch(u).then(
          () => 'read',
          (e: unknown) => String(e),
        ),
      url,
    );
    expect(fromPage).toMatch(/TypeError|Failed to fetch/);
    await page.close();
    // … the extension's worker can, with its host permission.
    const r = await download(url, { pageUrl: server.url('ru-raid.html') });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.sha256).toBe(expectedSha256(size));
    expect(r).toMatchObject({ size, status: 200, resumed: 0, media_type: 'video/mp4' });
    expect(r.headers['etag']).toBe(`"gen-${size}"`);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    // What is really stored: the item's media artifact, its bytes and custody line 0.
    const dump = await dumpStore(await ext.worker(), { withBytes: true });
    const item = dump.items.find((i) => i.id === r.item_id)!;
    const media = item.artifacts.find((a) => a.role === 'media')!;
    expect(media.sha256).toBe(expectedSha256(size));
    const { createHash } = await import('node:crypto');
    const stored = Buffer.from(dump.bytes[media.artifact_id]!, 'base64');
    expect(stored.length).toBe(size);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(expectedSha256(size));
    const line0 = dump.custody.find((c) => c.item_id === r.item_id && c.seq === 0)!;
    expect(line0.line).toContain(expectedSha256(size));
    expect(item.source).toMatchObject({ capture_method: 'download', src_url: url });
    await expectClean(dump.items.length);
  });

  it('resumes a dropped connection with Range and If-Range and still stores the exact file', async () => {
    const size = 24 * MiB + 5;
    const url = mediaUrl('drop', size);
    const r = await download(url);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.resumed).toBe(1);
    expect(r.sha256).toBe(expectedSha256(size));
    const reqs = server.media.filter((m) => m.path === new URL(url).pathname);
    expect(reqs).toHaveLength(2);
    expect(reqs[0]!.range).toBeUndefined();
    // The resume starts exactly where the stored bytes end, pinned to the same file.
    expect(reqs[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(reqs[1]!.range!)![0])).toBeGreaterThan(0);
    expect(reqs[1]!.ifRange).toBe(`"gen-${size}"`);
  });

  it('tries again when reconnecting after a drop fails at first', async () => {
    const size = 12 * MiB + 7;
    const url = mediaUrl('drop-reconnect', size);
    const r = await download(url);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.resumed).toBe(2);
    expect(r.sha256).toBe(expectedSha256(size));
    expect(server.media.filter((m) => m.path === new URL(url).pathname)).toHaveLength(3);
  });

  it('accepts a server that ignores ranges when nothing drops', async () => {
    const size = 5 * MiB;
    const r = await download(mediaUrl('norange', size));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.sha256).toBe(expectedSha256(size));
  });

  it('stores a file sent without Content-Length (chunked)', async () => {
    const size = 9 * MiB + 1;
    const r = await download(mediaUrl('chunked', size));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.sha256).toBe(expectedSha256(size));
  });
});

describe('bad input: a clear error and nothing partial stored', () => {
  it('a connection that drops where the server refuses ranges', async () => {
    const before = await countStore(await ext.worker());
    const url = mediaUrl('drop-norange', 16 * MiB);
    const e = failed(await download(url));
    expect(e.code).toBe('errDownloadNoResume');
    expect(e.params?.url).toBe(url);
    expect(e.params?.received).toMatch(/MB/);
    await expectClean(before.items);
    expect((await countStore(await ext.worker())).chunks).toBe(before.chunks);
  });

  it('a connection that keeps dropping: gives up after the resumes allowed', async () => {
    const before = await countStore(await ext.worker());
    const e = failed(await download(mediaUrl('drop-always', 12 * MiB), { maxResumes: 2 }));
    expect(e.code).toBe('errDownloadDropped');
    expect(e.params?.times).toBe('3');
    await expectClean(before.items);
    expect((await countStore(await ext.worker())).chunks).toBe(before.chunks);
  });

  it('a server that stalls mid-file counts as a drop; without ranges it fails cleanly', async () => {
    const before = await countStore(await ext.worker());
    const e = failed(await download(mediaUrl('hang', 10 * MiB), { stallMs: 1500 }));
    // The hang server honours no ranges: the resume gets the whole file again (200).
    expect(e.code).toBe('errDownloadNoResume');
    await expectClean(before.items);
  });

  it('a download cancelled half-way (its AbortSignal)', async () => {
    const before = await countStore(await ext.worker());
    const url = mediaUrl('ranges', 30 * MiB);
    const e = failed(await download(url, { cancelAfter: 10 * MiB }));
    expect(e).toMatchObject({ code: 'errDownloadCancelled', params: { url } });
    await expectClean(before.items);
    expect((await countStore(await ext.worker())).chunks).toBe(before.chunks);
  });

  it('a 0-byte file, with and without Content-Length', async () => {
    const before = await countStore(await ext.worker());
    for (const mode of ['ranges', 'chunked'] as const) {
      const e = failed(await download(mediaUrl(mode, 0, 'empty.mp4')));
      expect(e.code).toBe('errDownloadEmpty');
    }
    await expectClean(before.items);
  });

  it('an HTTP error and a URL that is not http(s)', async () => {
    const before = await countStore(await ext.worker());
    const e = failed(await download(`http://${MEDIA_HOST}:${server.port}/media/missing.mp4`));
    expect(e).toMatchObject({ code: 'errDownloadHttp', params: { status: '404 Not Found' } });
    expect(failed(await download('ftp://example.org/a.mp4')).code).toBe('errDownloadUrl');
    await expectClean(before.items);
  });

  it('refuses before writing when the browser says the file will not fit', async () => {
    const before = await countStore(await ext.worker());
    const estimate: SpaceEstimate = { quota: 200 * MiB, usage: 150 * MiB };
    await hook('simulateStorageEstimate', estimate);
    try {
      const e = failed(await download(mediaUrl('ranges', 40 * MiB)));
      expect(e.code).toBe('errDownloadNoSpace');
      expect(e.params).toMatchObject({ needed: '104 MB', free: '50 MB' });
    } finally {
      await hook('simulateStorageEstimate', null);
    }
    await expectClean(before.items);
    expect((await countStore(await ext.worker())).chunks).toBe(before.chunks);
  });

  it('rolls back whole when the store fills up mid-file', async () => {
    const before = await countStore(await ext.worker());
    // A real QuotaExceededError inside IndexedDB after two 4 MiB chunks were stored.
    await hook('simulateQuotaExceeded', true, { afterChunks: 2 });
    let r: TestDownloadResult;
    try {
      r = await download(mediaUrl('ranges', 20 * MiB));
    } finally {
      await hook('simulateQuotaExceeded', false);
    }
    const e = failed(r);
    expect(e.code).toBe('errDownloadQuota');
    expect(e.params?.received).toMatch(/MB/);
    await expectClean(before.items);
    expect((await countStore(await ext.worker())).chunks).toBe(before.chunks);
  });

  it('deletes what a stopped worker was downloading when it starts again', async () => {
    const before = await countStore(await ext.worker());
    // The server sends 20 MiB of 40 and then holds the connection open.
    const pending = download(mediaUrl('hang', 40 * MiB)).catch(() => undefined);
    await expect
      .poll(async () => (await countStore(await ext.worker())).chunks - before.chunks, {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(4);
    expect((await countStore(await ext.worker())).staging).toBe(1);
    await stopWorker(ext);
    void pending;
    // An extension page wakes the worker; its start-up sweep deletes the staged chunks.
    const page = await openExtensionPage(ext, 'library.html');
    await expect
      .poll(async () => countStore(page), { timeout: 20_000 })
      .toMatchObject({ staging: 0, orphanChunks: 0, chunks: before.chunks, items: before.items });
    await page.close();
  });
});

describe('a 1 GB file', () => {
  it('is captured with its exact hash, exported in a pack, and the pack verifies', async () => {
    const size = 1024 * MiB;
    const expected = expectedSha256(size);
    const t0 = performance.now();
    const r = await download(mediaUrl('ranges', size, 'long-video.mp4'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const captureS = (performance.now() - t0) / 1000;
    expect(r.sha256).toBe(expected);
    expect(r.size).toBe(size);
    const c = await countStore(await ext.worker());
    expect(c).toMatchObject({ staging: 0, orphanChunks: 0 });

    const lib = await openExtensionPage(ext, 'library.html');
    await lib.waitForFunction(() => 'protokolAutomation' in globalThis);
    const t1 = performance.now();
    const path = await exportPack(lib, [r.item_id], join(work, 'media.protokol.zip'));
    const exportS = (performance.now() - t1) / 1000;
    await lib.close();
    expect(statSync(path).size).toBeGreaterThan(size);
    const t2 = performance.now();
    const v = await runCommand('npx', ['tsx', 'cli/protokol.ts', 'verify', path, '--json']);
    const verifyS = (performance.now() - t2) / 1000;
    expect(v.status, v.stderr).toBe(0);
    const report = JSON.parse(v.stdout) as {
      status: string;
      checks: Array<{ ok: boolean; entry?: string }>;
    };
    expect(report.status).toBe('valid');
    console.info(
      `1 GB: capture ${captureS.toFixed(1)} s (${(size / 1e6 / captureS).toFixed(0)} MB/s), ` +
        `export ${exportS.toFixed(1)} s, verify ${verifyS.toFixed(1)} s`,
    );
    rmSync(path);
  }, 300_000);
});
