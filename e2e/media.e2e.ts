/**
 * Video and image capture in real Chromium with the built extension: a `<video src>`, a video
 * from a blob: URL, a video played through Media Source Extensions (recorded), a page of images
 * (srcset and <picture>: the file shown), a cross-origin video without CORS, a 0-byte file, a
 * page of 500 images, and the hover control on the page. Everything is read back raw from
 * IndexedDB; hashes are compared with Node's SHA-256 of the bytes the server sent.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipThroughPopup,
  launch,
  openPage,
  openPopupFor,
  tabIdOf,
  type Extension,
} from './browser';
import { CDN_HOST, MEDIA_HOST, startMediaServer, type MediaServer } from './media-pages-server';
import { makeFixtures, type MediaFixtures } from './media-fixtures';
import { dumpStore, type RawDump } from './store-reader';
import { runCommand } from './run-command';
import { unzipAll } from '../utils/pack/test-support';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
type Item = RawDump['items'][number];
const src = (i: Item) => i.source as Record<string, unknown>;
const alterations = (i: Item) => i.alterations as string[];

let ext: Extension;
let server: MediaServer;
let fx: MediaFixtures;

beforeAll(async () => {
  server = await startMediaServer();
  ext = await launch({ mapHosts: [MEDIA_HOST, CDN_HOST] });
  const { page } = await openPage(ext, `${server.origin}/images.html`);
  fx = await makeFixtures(page, 6);
  await page.close();
  server.files.set('/clip.webm', { body: fx.webm, type: 'video/webm' });
  server.files.set('/clip.mp4', { body: fx.mp4, type: 'video/mp4' });
  server.files.set('/empty.webm', { body: Buffer.alloc(0), type: 'video/webm' });
  for (const [name, body] of Object.entries(fx.pngs))
    server.files.set(`/${name}`, { body, type: 'image/png' });
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** The popup's media list for a tab, once it has listed what the page holds. */
async function mediaPopup(tabId: number): Promise<Page> {
  const popup = await openPopupFor(ext, tabId);
  await popup.getByTestId('media-panel').waitFor({ timeout: 20_000 });
  // The list is folded under one summary line (no layout shift in the popup): open it.
  await popup.getByTestId('media-summary-line').click();
  return popup;
}

/** Wait until a media row has finished (saved or failed) and return its state attributes. */
async function rowOutcome(popup: Page, ref: string, timeout = 90_000) {
  const row = popup.locator(`[data-testid="media-row"][data-ref="${ref}"]`);
  await row.and(popup.locator('[data-state="done"], [data-state="failed"]')).waitFor({ timeout });
  return {
    state: await row.getAttribute('data-state'),
    item: await row.getAttribute('data-item'),
    method: await row.getAttribute('data-method'),
    error: await row.getAttribute('data-error'),
  };
}

async function firstRef(popup: Page, kind: 'video' | 'image'): Promise<string> {
  const row = popup.locator(`[data-testid="media-row"][data-kind="${kind}"]`).first();
  await row.waitFor();
  return (await row.getAttribute('data-ref'))!;
}

async function saveRow(popup: Page, ref: string): Promise<void> {
  await popup
    .locator(`[data-testid="media-row"][data-ref="${ref}"]`)
    .getByTestId('media-save')
    .click();
}

/** The page has made its blob: or MediaSource video (it sets data-ready on <body>). */
const pageReady = (page: Page) => page.locator('body[data-ready="1"]').waitFor();
/** The page's video has a frame to show. */
const videoPlaying = (page: Page) =>
  page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);

/** Open a test page, wait for it when asked, and save its first video from the popup's list. */
async function saveFirstVideo(path: string, ready?: (page: Page) => Promise<unknown>) {
  const { page, tabId } = await openPage(ext, `${server.origin}/${path}`);
  if (ready) await ready(page);
  const popup = await mediaPopup(tabId);
  const ref = await firstRef(popup, 'video');
  await saveRow(popup, ref);
  return { page, popup, ref, o: await rowOutcome(popup, ref) };
}

async function itemOf(id: string): Promise<{ d: RawDump; item: Item }> {
  const d = await dumpStore(await ext.worker(), { withBytes: true });
  const item = d.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return { d, item };
}

const artifactBytes = (d: RawDump, item: Item, role: string) =>
  item.artifacts
    .filter((a) => a.role === role)
    .map((a) => Buffer.from(d.bytes[a.artifact_id] ?? '', 'base64'));

/** Every thumbnail decodes as an image in the browser; returns their sizes. */
async function decodeAll(images: Buffer[]): Promise<Array<{ w: number; h: number }>> {
  const page = await ext.ctx.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  const sizes = await page.evaluate(
    async (list) => {
      const out: Array<{ w: number; h: number }> = [];
      for (const b64 of list) {
        const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bmp = await createImageBitmap(new Blob([bin]));
        out.push({ w: bmp.width, h: bmp.height });
      }
      return out;
    },
    images.map((b) => b.toString('base64')),
  );
  await page.close();
  return sizes;
}

/** One pixel (CSS px at device pixel ratio 1) of a PNG, decoded by the browser. */
async function pixelAt(
  png: Buffer,
  x: number,
  y: number,
): Promise<{ r: number; g: number; b: number }> {
  const page = await ext.ctx.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  const px = await page.evaluate(
    async ({ b64, x, y }) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bmp = await createImageBitmap(new Blob([bin], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      const [r, gg, b] = g.getImageData(Math.round(x), Math.round(y), 1, 1).data;
      return { r: r!, g: gg!, b: b! };
    },
    { b64: png.toString('base64'), x, y },
  );
  await page.close();
  return px;
}

/** The duration of a stored video, played by Chromium from the store through /stored/<id>. */
async function storedDuration(artifactId: string): Promise<number> {
  const page = await ext.ctx.newPage();
  await page.goto(`chrome-extension://${ext.id}/popup.html`);
  const d = await page.evaluate(async (id) => {
    const v = document.createElement('video');
    v.muted = true;
    v.src = `/stored/${id}`;
    await new Promise((r, j) => {
      v.onloadedmetadata = r;
      v.onerror = () => j(new Error(`cannot play: ${v.error?.message}`));
    });
    if (!Number.isFinite(v.duration)) {
      // A MediaRecorder file has no duration in its header: seek past the end to learn it.
      v.currentTime = 1e9;
      await new Promise((r) => (v.onseeked = r));
    }
    return v.duration;
  }, artifactId);
  await page.close();
  return d;
}

describe('media capture', () => {
  it('saves a <video src> as the exact file, with its poster, headers and thumbnails of the stored file', async () => {
    const { page, popup, o } = await saveFirstVideo('video-src.html');
    expect(o).toMatchObject({ state: 'done', method: 'download' });
    const { d, item } = await itemOf(o.item!);
    expect(item.kind).toBe('video');
    expect(src(item)).toMatchObject({
      src_url: `${server.origin}/clip.webm`,
      page_url: `${server.origin}/video-src.html`,
      capture_method: 'download',
      media_origin: 'http',
      width: 320,
      height: 180,
    });
    // A MediaRecorder WebM states no duration in its header, so the page knows none: the item
    // has the duration of the kept file as the browser decoded it.
    expect(Math.abs((src(item).duration_s as number) - fx.seconds)).toBeLessThan(0.6);
    const [media] = artifactBytes(d, item, 'media');
    expect(sha(media!)).toBe(sha(fx.webm));
    const thumbs = item.artifacts.filter((a) => a.role === 'thumbnail');
    expect(thumbs.map((a) => a.path.split('/').pop())).toEqual(
      expect.arrayContaining(['poster.png', 'frame-1.jpg', 'frame-6.jpg']),
    );
    const poster = thumbs.find((a) => a.path.endsWith('poster.png'))!;
    expect(poster.sha256).toBe(sha(fx.pngs['poster.png']!));
    const sizes = await decodeAll(artifactBytes(d, item, 'thumbnail'));
    expect(sizes).toHaveLength(7);
    for (const s of sizes) expect(s.w).toBeGreaterThan(0);
    // capture.json keeps the response headers as received.
    const meta = JSON.parse(artifactBytes(d, item, 'metadata')[0]!.toString('utf8')) as {
      bytes: { headers: Record<string, string>; status: number };
    };
    expect(meta.bytes.status).toBe(200);
    expect(meta.bytes.headers['x-test-server']).toBe('protokol-media');
    // Custody: one event, line 0, lists every artifact with its hash, thumbnails included.
    const lines = d.custody.filter((c) => c.item_id === item.id).sort((a, b) => a.seq - b.seq);
    expect(lines.map((c) => c.action)).toEqual(['captured']);
    for (const a of item.artifacts) expect(lines[0]!.line).toContain(a.sha256);
    expect(alterations(item).join('\n')).toContain('thumbnails drawn from the kept file');
    // The library shows the thumbnails and plays the kept file from the store.
    const lib = await ext.ctx.newPage();
    await lib.goto(`chrome-extension://${ext.id}/library.html#item=${item.id}`);
    await lib.getByTestId('media-view').waitFor();
    await expect.poll(() => lib.getByTestId('media-thumbnail').count()).toBe(7);
    const played = await lib.getByTestId('media-player').evaluate(async (el) => {
      const v = el as HTMLVideoElement;
      if (v.readyState < 2)
        await new Promise((r) => v.addEventListener('loadeddata', r, { once: true }));
      return { w: v.videoWidth, h: v.videoHeight };
    });
    expect(played).toEqual({ w: 320, h: 180 });
    await lib.close();
    // The web page itself cannot read the stored file: /stored/ is no web-accessible resource.
    const fromPage = await page.evaluate(
      (u) =>
        fetch(u).then(
          async (r) => `read ${r.status} ${(await r.arrayBuffer()).byteLength}`,
          () => 'refused',
        ),
      `chrome-extension://${ext.id}/stored/${item.artifacts.find((a) => a.role === 'media')!.artifact_id}`,
    );
    expect(fromPage).toBe('refused');
    await popup.close();
    await page.close();
  });

  it('saves a <video src=…mp4> (H.264) as the exact file, with thumbnails decoded from the stored MP4', async () => {
    const { page, popup, o } = await saveFirstVideo('video-mp4.html');
    expect(o).toMatchObject({ state: 'done', method: 'download' });
    const { d, item } = await itemOf(o.item!);
    expect(item.kind).toBe('video');
    expect(src(item)).toMatchObject({
      src_url: `${server.origin}/clip.mp4`,
      capture_method: 'download',
      width: 320,
      height: 180,
    });
    const media = item.artifacts.find((a) => a.role === 'media')!;
    expect(d.artifacts.find((a) => a.id === media.artifact_id)?.media_type).toBe('video/mp4');
    expect(sha(artifactBytes(d, item, 'media')[0]!)).toBe(sha(fx.mp4));
    // Six frames drawn from the kept MP4 (plus the poster), each a decodable image.
    const frames = item.artifacts.filter(
      (a) => a.role === 'thumbnail' && /frame-\d\.jpg$/.test(a.path),
    );
    expect(frames).toHaveLength(6);
    const sizes = await decodeAll(artifactBytes(d, item, 'thumbnail'));
    for (const s of sizes) expect(s.w).toBeGreaterThan(0);
    // The kept MP4 plays from the store for the length that was recorded.
    expect(Math.abs((await storedDuration(media.artifact_id)) - fx.seconds)).toBeLessThan(1);
    await popup.close();
    await page.close();
  });

  it('saves a video from a blob: URL of a whole file as the exact bytes the page holds', async () => {
    const { page, popup, o } = await saveFirstVideo('video-blob.html', pageReady);
    expect(o).toMatchObject({ state: 'done', method: 'download' });
    const { d, item } = await itemOf(o.item!);
    expect(src(item)).toMatchObject({ capture_method: 'download', media_origin: 'blob' });
    expect(String(src(item).src_url)).toMatch(/^blob:http:\/\/media\.test:/);
    expect(sha(artifactBytes(d, item, 'media')[0]!)).toBe(sha(fx.webm));
    expect(alterations(item).join('\n')).toContain('blob: URL');
    expect(artifactBytes(d, item, 'thumbnail').length).toBe(6);
    await popup.close();
    await page.close();
  });

  it('records a video played through Media Source Extensions for the time asked, marked as a recording', async () => {
    const { page, tabId } = await openPage(ext, `${server.origin}/video-mse.html`);
    await page.locator('body[data-ready="1"]').waitFor();
    const popup = await mediaPopup(tabId);
    const ref = await firstRef(popup, 'video');
    await popup.getByTestId('media-record-for').selectOption('10');
    await saveRow(popup, ref);
    await popup
      .locator(`[data-testid="media-row"][data-ref="${ref}"][data-state="recording"]`)
      .waitFor({ timeout: 15_000 });
    const o = await rowOutcome(popup, ref);
    expect(o).toMatchObject({ state: 'done', method: 'recording' });
    const { d, item } = await itemOf(o.item!);
    expect(src(item)).toMatchObject({ capture_method: 'recording', media_origin: 'media_source' });
    expect(Math.abs((src(item).duration_s as number) - 10)).toBeLessThan(1);
    const note = alterations(item).find((a) => a.startsWith('video recorded from playback'));
    expect(note).toMatch(/re-encoded/);
    expect(note).toMatch(/MediaSource/);
    const media = item.artifacts.find((a) => a.role === 'media')!;
    expect(media.path).toMatch(/video\.webm$/);
    // Playable from the store, and of the requested length.
    const duration = await storedDuration(media.artifact_id);
    expect(Math.abs(duration - 10)).toBeLessThan(1.5);
    const sizes = await decodeAll(artifactBytes(d, item, 'thumbnail'));
    expect(sizes.length).toBe(6);
    await popup.close();
    await page.close();
  });

  it('stops a recording "until the video ends" when the user presses Stop, and keeps what was recorded', async () => {
    const { page, tabId } = await openPage(ext, `${server.origin}/video-stream.html`);
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    const popup = await mediaPopup(tabId);
    const ref = await firstRef(popup, 'video');
    await popup.getByTestId('media-record-for').selectOption('end');
    await saveRow(popup, ref);
    const row = popup.locator(`[data-testid="media-row"][data-ref="${ref}"]`);
    await row.getByTestId('media-stop').waitFor({ timeout: 15_000 });
    await popup.waitForTimeout(3000);
    await row.getByTestId('media-stop').click();
    const o = await rowOutcome(popup, ref, 20_000);
    expect(o).toMatchObject({ state: 'done', method: 'recording' });
    const { item } = await itemOf(o.item!);
    expect(src(item).duration_s as number).toBeGreaterThan(2);
    expect(src(item).duration_s as number).toBeLessThan(6);
    expect(alterations(item).join('\n')).toContain('the user stopped it');
    await popup.close();
    await page.close();
  });

  it('records a live stream set as srcObject (no URL at all)', async () => {
    const { page, tabId } = await openPage(ext, `${server.origin}/video-stream.html`);
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    const popup = await mediaPopup(tabId);
    const ref = await firstRef(popup, 'video');
    await popup.getByTestId('media-record-for').selectOption('10');
    await saveRow(popup, ref);
    const o = await rowOutcome(popup, ref);
    expect(o).toMatchObject({ state: 'done', method: 'recording' });
    const { d, item } = await itemOf(o.item!);
    expect(src(item)).toMatchObject({ capture_method: 'recording', media_origin: 'src_object' });
    expect(src(item).src_url).toBeUndefined();
    expect(alterations(item).join('\n')).toContain('srcObject');
    expect(Math.abs((src(item).duration_s as number) - 10)).toBeLessThan(1.5);
    expect(artifactBytes(d, item, 'thumbnail').length).toBe(6);
    await popup.close();
    await page.close();
  });

  it('saves images as their original files: for srcset and <picture>, the file shown; tiny images are counted, not listed', async () => {
    const { page, tabId } = await openPage(ext, `${server.origin}/images.html`);
    const popup = await mediaPopup(tabId);
    await expect
      .poll(() => popup.locator('[data-testid="media-row"][data-kind="image"]').count())
      .toBe(3);
    expect(await popup.getByTestId('media-skipped').textContent()).toContain('1');
    await popup.getByTestId('media-save-images').click();
    await popup
      .locator('[data-testid="media-summary"][data-done="3"]')
      .waitFor({ timeout: 60_000 });
    const d = await dumpStore(await ext.worker(), { withBytes: true });
    const images = d.items.filter(
      (i) => i.kind === 'image' && src(i).page_url === `${server.origin}/images.html`,
    );
    const byUrl: Record<string, Item> = {};
    for (const i of images) byUrl[String(src(i).src_url).split('/').pop()!] = i;
    expect(Object.keys(byUrl).sort()).toEqual(['photo-a.png', 'photo-b.png', 'photo-c.png']);
    for (const [name, item] of Object.entries(byUrl)) {
      expect(sha(artifactBytes(d, item, 'media')[0]!)).toBe(sha(fx.pngs[name]!));
      expect(src(item).capture_method).toBe('download');
    }
    expect(src(byUrl['photo-a.png']!)).toMatchObject({ width: 600, height: 400 });
    await popup.close();
    await page.close();
  });

  it('saves a cross-origin video without CORS by downloading it with the host permission, and says so', async () => {
    const { page, popup, o } = await saveFirstVideo('video-cross.html');
    expect(o).toMatchObject({ state: 'done', method: 'download' });
    const { d, item } = await itemOf(o.item!);
    expect(src(item).src_url).toBe(`${server.cdn}/clip.webm`);
    expect(sha(artifactBytes(d, item, 'media')[0]!)).toBe(sha(fx.webm));
    expect(alterations(item).join('\n')).toContain('downloaded again by the extension');
    // The page could not have read it (no CORS); the thumbnails come from the stored file.
    expect(artifactBytes(d, item, 'thumbnail').length).toBe(6);
    await popup.close();
    await page.close();
  });

  it('keeps the URL, the poster and a picture of the element when the file can neither be downloaded nor recorded', async () => {
    const { page, popup, o } = await saveFirstVideo('video-guarded.html', videoPlaying);
    expect(o).toMatchObject({ state: 'done', method: 'poster_only' });
    const { d, item } = await itemOf(o.item!);
    expect(src(item)).toMatchObject({
      capture_method: 'poster_only',
      src_url: `${server.cdn}/guarded/clip.webm`,
    });
    expect(item.artifacts.filter((a) => a.role === 'media')).toEqual([]);
    const names = item.artifacts.map((a) => a.path.split('/').pop());
    expect(names).toEqual(expect.arrayContaining(['poster.png', 'capture.json']));
    expect(names.some((n) => /^element-\d+\.png$/.test(n ?? ''))).toBe(true);
    const text = alterations(item).join('\n');
    expect(text).toContain('only the URL and a picture of the video were saved');
    expect(text).toMatch(/403/);
    expect(text).toMatch(/recording it from playback failed too/);
    for (const s of await decodeAll(artifactBytes(d, item, 'thumbnail')))
      expect(s.w).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });

  it('refuses a 0-byte file with a clear error and stores nothing', async () => {
    const before = await dumpStore(await ext.worker(), { withBytes: false });
    const { page, popup, ref, o } = await saveFirstVideo('video-empty.html');
    expect(o.state).toBe('failed');
    const row = popup.locator(`[data-testid="media-row"][data-ref="${ref}"]`);
    expect(await row.textContent()).toMatch(/0 bytes|empty/i);
    const after = await dumpStore(await ext.worker(), { withBytes: true });
    expect(after.items.length).toBe(before.items.length);
    expect(after.artifacts.length).toBe(before.artifacts.length);
    // No orphan chunks: every stored chunk belongs to a stored artifact.
    const known = new Set(after.artifacts.map((a) => a.id));
    expect(Object.keys(after.bytes).filter((id) => !known.has(id))).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('lists a page of 500 images quickly, stays usable while scrolling, and bounds "save all" with a message', async () => {
    const { page, tabId } = await openPage(ext, `${server.origin}/many-images.html`);
    const t0 = Date.now();
    const popup = await mediaPopup(tabId);
    await popup
      .locator('[data-testid="media-panel"][data-count="500"]')
      .waitFor({ timeout: 20_000 });
    const listMs = Date.now() - t0;
    console.log(`media list of 500 images shown in ${listMs} ms (popup opened and page read)`);
    // Virtualised: only a window of rows is in the DOM, and scrolling to the end shows the last.
    expect(await popup.getByTestId('media-row').count()).toBeLessThan(60);
    await popup.getByTestId('media-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await popup.locator('[data-testid="media-row"]', { hasText: 'Photo 500' }).waitFor();
    const tSave = Date.now();
    await popup.getByTestId('media-save-images').click();
    await popup.getByTestId('media-cap').waitFor();
    expect(await popup.getByTestId('media-cap').textContent()).toContain('100');
    // The popup answers while the batch runs: a click on the list is handled at once.
    const t1 = Date.now();
    await popup.getByTestId('media-list').evaluate((el) => (el.scrollTop = 0));
    await popup.locator('[data-testid="media-row"]', { hasText: 'Photo 1' }).first().waitFor();
    expect(Date.now() - t1).toBeLessThan(2000);
    await popup
      .locator('[data-testid="media-summary"][data-done="100"]')
      .waitFor({ timeout: 180_000 });
    console.log(`saved 100 images in ${Date.now() - tSave} ms`);
    const d = await dumpStore(await ext.worker());
    const fromPage = d.items.filter((i) => src(i).page_url === `${server.origin}/many-images.html`);
    expect(fromPage.length).toBe(100);
    await popup.close();
    await page.close();
  }, 240_000);

  it('has a hover control on the video that saves it, out of sight of the page and of our own snapshot', async () => {
    const { page } = await openPage(ext, `${server.origin}/video-src.html`);
    const before = new Set((await dumpStore(await ext.worker())).items.map((i) => i.id));
    const box = (await page.locator('#v').boundingBox())!;
    // The first move asks for the media script; the control appears on the next moves.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(400);
    await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5);
    await page.waitForTimeout(400);
    // The page sees only an empty element: the control is in a closed shadow root.
    const pageView = await page.evaluate(() => {
      const last = document.body.lastElementChild!;
      return { tag: last.tagName, shadow: last.shadowRoot, text: document.body.innerText };
    });
    expect(pageView.tag).toMatch(/^C-/);
    expect(pageView.shadow).toBeNull();
    expect(pageView.text).not.toContain('Save video');
    // The control sits at the video's top right corner.
    await page.mouse.click(box.x + box.width - 30, box.y + 8 + 10);
    const until = Date.now() + 60_000;
    let saved: Item | undefined;
    while (!saved && Date.now() < until) {
      await page.waitForTimeout(300);
      const d = await dumpStore(await ext.worker());
      saved = d.items.find((i) => i.kind === 'video' && !before.has(i.id));
    }
    expect(saved).toBeDefined();
    expect(src(saved!)).toMatchObject({
      capture_method: 'download',
      page_url: `${server.origin}/video-src.html`,
    });

    // The pointer is still on the video, so the control shows; a page capture now must keep
    // it out of the snapshot and the screenshot.
    await page.mouse.move(box.x + box.width - 32, box.y + 20);
    await page.waitForTimeout(300);
    const { popup, state } = await clipThroughPopup(ext, await tabIdOf(ext, page.url()));
    expect(state).toBe('ok');
    const d = await dumpStore(await ext.worker(), { withBytes: true });
    const pageItem = d.items.find((i) => !before.has(i.id) && i.kind !== 'video')!;
    const html = artifactBytes(d, pageItem, 'html_snapshot')[0]!.toString('utf8');
    expect(html).not.toMatch(/Save video|Saved \(/);
    // Not even the control's empty host element: the page never had it. The item says so.
    expect(html).not.toContain(`<${pageView.tag.toLowerCase()}`);
    expect((pageItem.alterations as string[]).join('\n')).toMatch(
      /1 element added by Protokol left out/,
    );
    const shot = artifactBytes(d, pageItem, 'screenshot')[0]!;
    const px = await pixelAt(shot, box.x + box.width - 30, box.y + 18);
    // The poster there is purple; the control's background is white.
    expect(px.r + px.g + px.b).toBeLessThan(600);
    await popup.close();
    await page.close();
  });
});

describe('protokol capture --media', () => {
  it('saves each page media with it as items of their own in the same signed pack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'protokol-cli-media-'));
    const out = join(dir, 'pack.protokol.zip');
    const pages = ['video-src.html', 'images.html', 'video-mse.html'].map(
      (p) => `${server.origin}/${p}`,
    );
    const r = await runCommand('npm', [
      'run',
      '--silent',
      'protokol',
      '--',
      'capture',
      '--profile',
      join(dir, 'profile'),
      '--browser',
      process.env.CHROME_PATH ?? '/usr/bin/chromium',
      '--browser-arg',
      `--host-resolver-rules=MAP ${MEDIA_HOST} 127.0.0.1, MAP ${CDN_HOST} 127.0.0.1, MAP * 127.0.0.2`,
      '--media',
      'all',
      '--record-seconds',
      '3',
      '--out',
      out,
      ...pages,
    ]);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(
      'Media: 5 videos and images saved as items of their own; 1 recorded from playback',
    );
    expect(r.stdout).toContain('1 tiny images (icons, trackers) skipped');
    const v = await runCommand('npm', [
      'run',
      '--silent',
      'protokol',
      '--',
      'verify',
      out,
      '--json',
    ]);
    expect(v.status, v.stdout).toBe(0);
    const files = await unzipAll(new Uint8Array(readFileSync(out)));
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as {
      items: Array<{
        id: string;
        kind: string;
        url: string;
        source: Record<string, unknown>;
        artifacts: Array<{ role: string; path: string; sha256: string }>;
      }>;
    };
    const byKind = (k: string) => manifest.items.filter((i) => i.kind === k);
    expect(byKind('video')).toHaveLength(2);
    expect(byKind('image')).toHaveLength(3);
    const pageIds = new Map(
      manifest.items
        .filter((i) => i.kind !== 'video' && i.kind !== 'image')
        .map((i) => [i.url, i.id]),
    );
    for (const m of [...byKind('video'), ...byKind('image')]) {
      expect(m.source.page_item_id).toBe(pageIds.get(String(m.source.page_url)));
    }
    const direct = byKind('video').find((i) => i.source.capture_method === 'download')!;
    const file = direct.artifacts.find((a) => a.role === 'media')!;
    expect(file.sha256).toBe(sha(fx.webm));
    expect(sha(Buffer.from(files.get(file.path)!))).toBe(sha(fx.webm));
    const rec = byKind('video').find((i) => i.source.capture_method === 'recording')!;
    expect(Math.abs(Number(rec.source.duration_s) - 3)).toBeLessThan(1);
  }, 300_000);
});
