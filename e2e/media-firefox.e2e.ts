/**
 * A direct video in Firefox ESR: the popup's media list saves a `<video src>` as the exact file
 * the server sent, with its poster; Firefox has no offscreen document, so no frames are drawn
 * and the item says so instead (media.e2e.ts checks the frames in Chromium). The library plays
 * the kept file (from memory: Firefox has no service worker for the /stored/ route). The item
 * exports in a pack that `protokol verify` finds valid.
 * Run with PROTOKOL_BROWSER=firefox only (vitest.e2e.config.ts leaves it out of Chromium runs).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipAll } from '../utils/pack/test-support';
import {
  exportPack,
  launch,
  openExtensionPage,
  openPage,
  openPopupFor,
  type Extension,
} from './browser';
import { CDN_HOST, MEDIA_HOST, startMediaServer, type MediaServer } from './media-pages-server';
import { makeFixtures, type MediaFixtures } from './media-fixtures';
import { dumpStore } from './store-reader';

const ROOT = resolve(import.meta.dirname, '..');
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');
let ext: Extension;
let server: MediaServer;
let fx: MediaFixtures;

beforeAll(async () => {
  server = await startMediaServer();
  ext = await launch({ mapHosts: [MEDIA_HOST, CDN_HOST] });
  const { page } = await openPage(ext, `${server.origin}/images.html`);
  fx = await makeFixtures(page, 6, false); // Firefox records no H.264
  await page.close();
  server.files.set('/clip.webm', { body: fx.webm, type: 'video/webm' });
  for (const [name, body] of Object.entries(fx.pngs))
    server.files.set(`/${name}`, { body, type: 'image/png' });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('a direct video in Firefox', () => {
  it('is saved from the popup as the exact file with its poster; no frames, and the item says why', async () => {
    const { page, tabId } = await openPage(ext, `${server.origin}/video-src.html`);
    const popup = await openPopupFor(ext, tabId);
    await popup.getByTestId('media-panel').waitFor({ timeout: 20_000 });
    await popup.getByTestId('media-summary-line').click();
    const row = popup.locator('[data-testid="media-row"][data-kind="video"]').first();
    await row.waitFor();
    await row.getByTestId('media-save').click();
    await row
      .and(popup.locator('[data-state="done"], [data-state="failed"]'))
      .waitFor({ timeout: 90_000 });
    expect(await row.getAttribute('data-state'), (await row.getAttribute('data-error')) ?? '').toBe(
      'done',
    );
    expect(await row.getAttribute('data-method')).toBe('download');
    const id = (await row.getAttribute('data-item'))!;
    await popup.close();
    await page.close();

    const d = await dumpStore(await ext.worker(), { withBytes: true });
    const item = d.items.find((i) => i.id === id)!;
    expect(item.kind).toBe('video');
    const bytesOf = (role: string) =>
      item.artifacts
        .filter((a) => a.role === role)
        .map((a) => Buffer.from(d.bytes[a.artifact_id] ?? '', 'base64'));
    expect(sha(bytesOf('media')[0]!)).toBe(sha(fx.webm));
    const thumbs = item.artifacts.filter((a) => a.role === 'thumbnail');
    expect(thumbs.map((a) => a.path.split('/').pop())).toEqual(['poster.png']);
    expect(thumbs[0]!.sha256).toBe(sha(fx.pngs['poster.png']!));
    expect((item.alterations as string[]).join('\n')).toMatch(/offscreen/i);

    // The library plays the kept file, read from the store (no /stored/ route in Firefox).
    const view = await openExtensionPage(ext, `library.html#item=${id}`);
    await view.getByTestId('media-view').waitFor();
    const played = await view.getByTestId('media-player').evaluate(async (el) => {
      const v = el as HTMLVideoElement;
      if (v.readyState < 2)
        await new Promise((r, j) => {
          v.addEventListener('loadeddata', r, { once: true });
          v.addEventListener('error', () => j(new Error(`video error ${v.error?.code}`)), {
            once: true,
          });
        });
      return { src: v.src.slice(0, 5), w: v.videoWidth, h: v.videoHeight };
    });
    expect(played.src).toBe('blob:');
    expect(played.w).toBeGreaterThan(0);
    expect(played.h).toBeGreaterThan(0);
    await view.close();

    const lib = await openExtensionPage(ext, 'library.html');
    const path = await exportPack(lib, [id], join(mkdtempSync(join(tmpdir(), 'pk-ffm-')), 'v.zip'));
    await lib.close();
    const files = await unzipAll(new Uint8Array(readFileSync(path)));
    const media = [...files].find(([n]) => n.endsWith(`items/${id}/video.webm`));
    expect(media, [...files.keys()].join(', ')).toBeDefined();
    expect(sha(media![1])).toBe(sha(fx.webm));
    const cli = spawnSync('npx', ['tsx', 'cli/protokol.ts', 'verify', path, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  });
});
