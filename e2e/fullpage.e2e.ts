/**
 * The full-page screenshot and MHTML of a page capture, in real Chromium with the built
 * extension: a 10,000 px page of coloured bands with a sticky header and a fixed cookie bar,
 * decoded row by row to check the stitching; the banded copy; the page left as it was; MHTML;
 * the cap; a hostile page; the switch in the settings; and a device pixel ratio of 2.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  clipThroughPopup,
  exportPack,
  launch,
  stopWorker,
  openExtensionPage,
  openPage,
  openPopupFor,
  type Extension,
} from './browser';
import { startServer, type TestServer } from './server';
import { dumpStore } from './store-reader';
import { runCommand } from './run-command';
import { unzipAll } from '../utils/pack/test-support';
import { compareBanded, pngColumns } from './png-probe';
import {
  BAND_PX,
  bandRgb,
  COOKIE_PX,
  COOKIE_RGB,
  HEADER_RGB,
  makeTallPage,
  UNIQUE_PHRASE,
} from './tall-page';

const work = mkdtempSync(join(tmpdir(), 'protokol-fullpage-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rgb = (c: readonly number[]) => (c[0]! << 16) | (c[1]! << 8) | c[2]!;

interface Event {
  seq: number;
  action: string;
  data: Record<string, unknown> & {
    artifacts?: Array<{ role: string; path: string; sha256: string }>;
  };
}

interface Captured {
  item: {
    id: string;
    alterations: string[];
    artifacts: Array<{ role: string; path: string; artifact_id: string; sha256: string }>;
    full_page?: { status: string; reason?: string; frames?: number };
  };
  bytes: (name: string) => Buffer | undefined;
  /** capture.json (hashed in custody line 0). */
  record: Record<string, unknown> & {
    full_page?: Record<string, unknown>;
    mhtml?: Record<string, unknown>;
  };
  events: Event[];
  /** What the `artifact_added` event records about the full-page screenshot. */
  fp: Record<string, unknown> | undefined;
  /** The popup: the full-page state it showed at "Saved", and its last text. */
  popupShown: string | null;
  popupFinal: string | null;
}

/** The item's custody events, read raw from the store. */
function eventsOf(d: Awaited<ReturnType<typeof dumpStore>>, itemId: string): Event[] {
  return d.custody
    .filter((r) => r.item_id === itemId)
    .sort((a, b) => a.seq - b.seq)
    .map((r) => JSON.parse(r.line) as Event);
}

/**
 * Clip `path` through the popup, wait (as a user keeping the tab open) until the popup says the
 * full-page screenshot was added or is missing, and read the item back raw from the store.
 */
async function clip(
  ext: Extension,
  server: TestServer,
  path: string,
  before?: (page: Page) => Promise<void>,
): Promise<Captured & { page: Page }> {
  const { page, tabId } = await openPage(ext, server.url(path));
  await before?.(page);
  const { popup, state, fullPageShown } = await clipThroughPopup(ext, tabId);
  expect(state, await popup.getByTestId('capture-status').innerText()).toBe('ok');
  const popupFinal =
    fullPageShown === null ? null : await popup.getByTestId('fullpage-status').innerText();
  await popup.close();
  const d = await dumpStore(await ext.worker(), { withBytes: true });
  const item = d.items
    .filter((i) => String(i.url).endsWith(path))
    .sort((a, b) => String(b.captured_at).localeCompare(String(a.captured_at)))[0]!;
  const bytes = (name: string) => {
    const a = item.artifacts.find((x) => x.path.endsWith(`/${name}`));
    return a ? Buffer.from(d.bytes[a.artifact_id]!, 'base64') : undefined;
  };
  const record = JSON.parse(bytes('capture.json')!.toString('utf8')) as Captured['record'];
  const events = eventsOf(d, item.id);
  const fp = events.find((e) => e.action === 'artifact_added')?.data.full_page as
    Record<string, unknown> | undefined;
  return {
    page,
    item: item as unknown as Captured['item'],
    bytes,
    record,
    events,
    fp,
    popupShown: fullPageShown,
    popupFinal,
  };
}

/**
 * Check every row of column `col` of the raw image against the page: the header once at the
 * top, the cookie bar once at the bottom of the first view, and elsewhere the band that
 * belongs at that height. Returns the rows that are wrong (none, when stitching is right).
 */
function wrongRows(col: number[], scale: number, viewHeight: number): number[] {
  const bad: number[] = [];
  let header = 0;
  let cookie = 0;
  col.forEach((c, y) => {
    const css = y / scale;
    let want: number;
    if (css < BAND_PX) want = rgb(HEADER_RGB);
    else if (css >= viewHeight - COOKIE_PX && css < viewHeight) want = rgb(COOKIE_RGB);
    else want = rgb(bandRgb(Math.floor(css / BAND_PX)));
    if (c === rgb(HEADER_RGB)) header++;
    if (c === rgb(COOKIE_RGB)) cookie++;
    if (c !== want) bad.push(y);
  });
  expect(header, 'rows of the sticky header').toBe(BAND_PX * scale);
  expect(cookie, 'rows of the cookie bar').toBe(COOKIE_PX * scale);
  return bad;
}

async function viewOf(page: Page) {
  return page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.clientHeight,
    innerWidth: window.innerWidth,
    dpr: window.devicePixelRatio,
    scrollY: window.scrollY,
    headerStyle: document.querySelector('header')!.getAttribute('style'),
    cookieStyle: document.querySelector('.cookie')!.getAttribute('style'),
  }));
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The two images, after checking how they came: the popup said "pending" at "Saved" and then
 * "added"; capture.json (line 0) points to the later event; the item says added; one
 * `artifact_added` event after line 0 lists both with the hashes of the stored bytes.
 */
function fullPage(c: Captured) {
  const raw = c.bytes('fullpage-raw.png');
  const banded = c.bytes('fullpage.png');
  expect(raw, 'fullpage-raw.png').toBeDefined();
  expect(banded, 'fullpage.png').toBeDefined();
  const roles = c.item.artifacts.filter((a) => a.role === 'screenshot_full').map((a) => a.path);
  expect(roles.map((p) => p.split('/').pop()).sort()).toEqual(['fullpage-raw.png', 'fullpage.png']);
  expect(c.popupShown, 'the popup showed the full-page screenshot pending at "Saved"').toBe(
    'pending',
  );
  expect(c.popupFinal).toMatch(/Full-page screenshot added \(\d+ views stitched\)/);
  expect(c.item.full_page).toMatchObject({ status: 'added', frames: c.fp?.frames });
  expect(c.record.full_page).toMatchObject({ after_save: true });
  const line0 = c.events[0]!;
  expect(line0.action).toBe('captured');
  expect(line0.data.artifacts!.map((a) => a.role)).not.toContain('screenshot_full');
  const added = c.events.filter((e) => e.action === 'artifact_added');
  expect(added).toHaveLength(1);
  const path = (n: string) => roles.find((p) => p.endsWith(`/${n}`))!;
  expect(added[0]!.data.artifacts).toEqual([
    { role: 'screenshot_full', path: path('fullpage-raw.png'), sha256: sha256(raw!) },
    { role: 'screenshot_full', path: path('fullpage.png'), sha256: sha256(banded!) },
  ]);
  // The notes the event records are the ones the item's alterations gained.
  const notes = added[0]!.data.notes as string[];
  expect(notes.length).toBeGreaterThan(0);
  for (const n of notes) expect(c.item.alterations).toContain(n);
  return { raw: raw!, banded: banded! };
}

describe('full-page screenshot and MHTML (device pixel ratio 1)', () => {
  let ext: Extension;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    server.extra.set('/tall-10000.html', makeTallPage({ height: 10_000 }));
    server.extra.set('/tall-40000.html', makeTallPage({ height: 40_000 }));
    server.extra.set('/tall-throws.html', makeTallPage({ height: 3_000, throws: true }));
    server.extra.set('/tall-snap.html', makeTallPage({ height: 5_000, snap: true }));
    server.extra.set('/short.html', makeTallPage({ height: 500 }));
    server.extra.set(
      '/inner-scroll.html',
      `<!doctype html><html><head><meta charset="utf-8"><title>App layout</title><style>
html, body { margin: 0; height: 100%; overflow: hidden; }
main { height: 100%; overflow-y: auto; }
main div { height: 5000px; background: linear-gradient(#fff, #333); }
</style></head><body><main><div>A web app whose content scrolls inside main</div></main></body></html>`,
    );
    ext = await launch();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('stitches a 10,000 px page: right size, one sticky header, every band in place, page restored', async () => {
    const c = await clip(ext, server, '/tall-10000.html', async (page) => {
      await page.evaluate(() => window.scrollTo(0, 1234));
    });
    const view = await viewOf(c.page);
    expect(view.dpr).toBe(1);
    // The page is left as the user had it: scroll position and the styles we touched.
    expect(view.scrollY).toBe(1234);
    expect(view.headerStyle).toBe('border: 0');
    expect(view.cookieStyle).toBeNull();

    const { raw, banded } = fullPage(c);
    const sw = await ext.worker();
    // Columns near the left edge and in the middle (the phrase is at the right).
    const png = await pngColumns(sw, raw.toString('base64'), [5, Math.floor(view.width / 2)]);
    // Width: the window without its vertical scrollbar (none in headless Chromium, so equal).
    expect(png.width).toBe(view.width);
    expect(png.width).toBeLessThanOrEqual(view.innerWidth);
    expect(png.height).toBe(10_000);
    for (const col of png.columns) expect(wrongRows(col, 1, view.height)).toEqual([]);

    const cmp = await compareBanded(sw, raw.toString('base64'), banded.toString('base64'));
    expect(cmp.bandedWidth).toBe(cmp.rawWidth);
    expect(cmp.bandedHeight).toBeGreaterThan(cmp.rawHeight + 20);
    expect(cmp.firstDiff, 'page part of fullpage.png equals fullpage-raw.png').toBeNull();
    expect(cmp.inkPixels, 'the band has text').toBeGreaterThan(500);

    const fp = c.fp!;
    expect(fp).toMatchObject({
      raw: 'fullpage-raw.png',
      banded: 'fullpage.png',
      height: 10_000,
      capped: false,
      first_frame_reused: false, // the page was not at its top when the capture began
      band_height: cmp.bandedHeight - cmp.rawHeight,
    });
    expect(fp.frames).toBe(Math.ceil(10_000 / view.height));
    const alt = c.item.alterations.join('\n');
    expect(alt).toMatch(/fullpage-raw\.png was stitched from \d+ views/);
    expect(alt).toMatch(/fullpage\.png is fullpage-raw\.png with a band/);

    // MHTML: as the browser saved it, with the page's own text.
    const mhtml = c.bytes('page.mhtml');
    expect(mhtml, 'page.mhtml').toBeDefined();
    const text = mhtml!.toString('latin1');
    expect(text.startsWith('From:')).toBe(true);
    expect(text.slice(0, 2000)).toMatch(/Snapshot-Content-Location: http:\/\/article\.test/);
    expect(text.slice(0, 2000)).toMatch(/MIME-Version: 1\.0/);
    expect(text.replace(/=\r?\n/g, '')).toContain(UNIQUE_PHRASE);
    expect(c.item.artifacts.find((a) => a.role === 'mhtml')!.path).toMatch(/\/page\.mhtml$/);
    await c.page.close();

    // A pack of the item holds both images and verifies (their hashes are in artifact_added).
    const lib = await openExtensionPage(ext, 'library.html');
    const packFile = await exportPack(lib, [c.item.id], join(work, 'fullpage.protokol.zip'));
    await lib.close();
    const names = [...(await unzipAll(readFileSync(packFile))).keys()];
    expect(names).toContain(`items/${c.item.id}/fullpage-raw.png`);
    expect(names).toContain(`items/${c.item.id}/fullpage.png`);
    const v = await runCommand('npx', ['tsx', 'cli/protokol.ts', 'verify', packFile, '--json']);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect((JSON.parse(v.stdout) as { status: string }).status).toBe('valid');
  });

  it('reuses the capture’s screenshot as the only frame of a page that fits the window', async () => {
    const c = await clip(ext, server, '/short.html');
    const view = await viewOf(c.page);
    expect(c.fp).toMatchObject({ frames: 1, first_frame_reused: true });
    const { raw } = fullPage(c);
    const png = await pngColumns(await ext.worker(), raw.toString('base64'), [5]);
    // The window is taller than the page: the image is the page's height (the body's 500 px or
    // the window, whichever the document reports as its scroll height).
    expect(png.height).toBe(Math.max(500, view.height));
    await c.page.close();
  });

  it('cuts a page taller than the cap at the cap, and says so in the item', async () => {
    const c = await clip(ext, server, '/tall-40000.html');
    const view = await viewOf(c.page);
    const { raw, banded } = fullPage(c);
    const sw = await ext.worker();
    const png = await pngColumns(sw, raw.toString('base64'), [5]);
    expect(png.height).toBe(16_384);
    expect(wrongRows(png.columns[0]!, 1, view.height)).toEqual([]);
    expect(c.fp).toMatchObject({
      capped: true,
      cap_css: 16_384,
      page_height_css: 40_000,
    });
    expect(c.item.alterations.join('\n')).toMatch(
      /cut at 16384 CSS px; the page was 40000 px tall/,
    );
    const cmp = await compareBanded(sw, raw.toString('base64'), banded.toString('base64'));
    expect(cmp.firstDiff).toBeNull();
    expect(view.scrollY).toBe(0);
    await c.page.close();
  });

  it('turns scroll snapping off while scrolling, and back on', async () => {
    const c = await clip(ext, server, '/tall-snap.html');
    const { raw } = fullPage(c);
    const png = await pngColumns(await ext.worker(), raw.toString('base64'), [5]);
    const view = await viewOf(c.page);
    expect(png.height).toBe(5_000);
    expect(wrongRows(png.columns[0]!, 1, view.height)).toEqual([]);
    expect(c.item.alterations.join('\n')).not.toMatch(/jumped/);
    const html = await c.page.evaluate(() => ({
      style: document.documentElement.getAttribute('style'),
      snap: getComputedStyle(document.documentElement).scrollSnapType,
    }));
    expect(html).toEqual({ style: null, snap: 'y mandatory' });
    await c.page.close();
  });

  it('hides and restores under a strict Content-Security-Policy (no inline styles allowed)', async () => {
    const c = await clip(ext, server, '/csp-fullpage.html');
    const { raw } = fullPage(c);
    const png = await pngColumns(await ext.worker(), raw.toString('base64'), [5]);
    expect(png.height).toBe(4_000);
    const count = (rgbValue: number) => png.columns[0]!.filter((x) => x === rgbValue).length;
    expect(count(rgb(HEADER_RGB)), 'one sticky header').toBe(100);
    expect(count(rgb(COOKIE_RGB)), 'one cookie bar').toBe(COOKIE_PX);
    const view = await viewOf(c.page);
    expect(view.headerStyle).toBe('border: 0');
    expect(view.cookieStyle).toBeNull();
    const visibility = await c.page.evaluate(() =>
      ['header', '.cookie'].map((q) => getComputedStyle(document.querySelector(q)!).visibility),
    );
    expect(visibility).toEqual(['visible', 'visible']);
    await c.page.close();
  });

  it('says so when the page scrolls inside an element and shows the window only', async () => {
    const c = await clip(ext, server, '/inner-scroll.html');
    const view = { height: await c.page.evaluate(() => document.documentElement.clientHeight) };
    const { raw } = fullPage(c);
    const png = await pngColumns(await ext.worker(), raw.toString('base64'), [5]);
    expect(png.height).toBe(view.height);
    expect(c.fp).toMatchObject({ frames: 1, capped: false });
    expect(c.item.alterations.join('\n')).toMatch(/scrolls inside an element, not as a document/);
    await c.page.close();
  });

  it('takes the full-page screenshot of a page whose scripts throw and sabotage built-ins', async () => {
    const c = await clip(ext, server, '/tall-throws.html');
    const { raw } = fullPage(c);
    const png = await pngColumns(await ext.worker(), raw.toString('base64'), [5]);
    expect(png.height).toBe(3_000);
    const view = await viewOf(c.page);
    expect(wrongRows(png.columns[0]!, 1, view.height)).toEqual([]);
    await c.page.close();
  });

  it('leaves the page as it was when the full-page screenshot fails half-way; a caller that waits gets the reason', async () => {
    const { page, tabId } = await openPage(ext, server.url('/tall-10000.html'));
    await page.evaluate(() => window.scrollTo(0, 777));
    const popup = await openPopupFor(ext, tabId);
    type Answer = {
      res?: { ok: boolean; item_id?: string; full_page?: { status: string; reason?: string } };
    };
    const answer = popup.evaluate(
      (id): Promise<Answer> =>
        chrome.runtime.sendMessage({
          id: 1,
          type: 'captureTab',
          data: { tabId: id, fullPage: 'wait' },
          timestamp: Date.now(),
        }),
      tabId,
    );
    // Wait until the page is being scrolled with its header hidden, then switch tabs.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('header')!.getAttribute('style')), {
        timeout: 30_000,
        interval: 50,
      })
      .toMatch(/visibility: hidden/);
    const other = await ext.ctx.newPage();
    await other.goto(server.url('/short.html'));
    await other.bringToFront();
    const res = (await answer).res;
    expect(res?.ok).toBe(true);
    expect(res?.full_page).toMatchObject({
      status: 'missing',
      reason: expect.stringMatching(/the tab was switched away/) as unknown,
    });
    const view = await viewOf(page);
    expect(view.scrollY).toBe(777);
    expect(view.headerStyle).toBe('border: 0');
    expect(view.cookieStyle).toBeNull();
    const d = await dumpStore(await ext.worker());
    const item = d.items.find((i) => i.id === res!.item_id)!;
    expect(item.artifacts.filter((a) => a.role === 'screenshot_full')).toEqual([]);
    expect(item.artifacts.map((a) => a.role)).toContain('mhtml');
    expect((item.alterations as string[]).join('\n')).toMatch(
      /the full-page screenshot is missing: the tab was switched away/,
    );
    const ev = eventsOf(d, item.id);
    expect(ev.map((e) => e.action)).toEqual(['captured', 'full_page_missing']);
    expect(ev[1]!.data.reason).toMatch(/the tab was switched away/);
    await popup.close();
    await other.close();
    await page.close();
  });

  it('saves at once and says why the full-page screenshot is missing when the tab is closed meanwhile', async () => {
    const { page, tabId } = await openPage(ext, server.url('/tall-10000.html'));
    const { popup, state, fullPageShown } = await clipThroughPopup(ext, tabId, {
      fullPage: 'saved',
    });
    expect(state).toBe('ok');
    expect(fullPageShown).toBe('pending');
    const fp = popup.getByTestId('fullpage-status');
    expect(await fp.innerText()).toMatch(/keep this tab open/);
    // Progress shows while the views are taken.
    await expect
      .poll(() => fp.innerText(), { timeout: 30_000, interval: 100 })
      .toMatch(/\(\d+ of about \d+ views\)/);
    await page.close();
    await fp.and(popup.locator('[data-status="missing"]')).waitFor({ timeout: 30_000 });
    expect(await fp.innerText()).toMatch(/missing: the tab was closed/);
    await popup.close();
    const d = await dumpStore(await ext.worker());
    const item = d.items
      .filter((i) => String(i.url).endsWith('/tall-10000.html'))
      .sort((a, b) => String(b.captured_at).localeCompare(String(a.captured_at)))[0]!;
    expect(item.full_page).toMatchObject({ status: 'missing' });
    expect(item.artifacts.filter((a) => a.role === 'screenshot_full')).toEqual([]);
    expect(eventsOf(d, item.id).map((e) => e.action)).toEqual(['captured', 'full_page_missing']);
  });

  it('after the worker is stopped during the full-page screenshot, the item says it is missing and why', async () => {
    const { page, tabId } = await openPage(ext, server.url('/tall-10000.html'));
    const { popup, state } = await clipThroughPopup(ext, tabId, { fullPage: 'saved' });
    expect(state).toBe('ok');
    await popup.close();
    await expect
      .poll(() => page.evaluate(() => document.querySelector('header')!.getAttribute('style')), {
        timeout: 30_000,
        interval: 50,
      })
      .toMatch(/visibility: hidden/);
    await stopWorker(ext);
    // The next message starts a new worker, whose start-up recovery finds the phase's job.
    const lib = await openExtensionPage(ext, 'library.html');
    const problems = await lib.evaluate(
      (): Promise<{ res?: Array<{ status: string; error?: { code: string } }> }> =>
        chrome.runtime.sendMessage({ id: 2, type: 'pendingProblems', timestamp: Date.now() }),
    );
    expect(problems.res?.map((j) => j.error?.code)).toContain('errFullPageInterrupted');
    const d = await dumpStore(await ext.worker());
    const item = d.items
      .filter((i) => String(i.url).endsWith('/tall-10000.html'))
      .sort((a, b) => String(b.captured_at).localeCompare(String(a.captured_at)))[0]!;
    expect(item.full_page).toMatchObject({
      status: 'missing',
      reason: 'the extension was stopped before the full-page screenshot was finished',
    });
    expect(eventsOf(d, item.id).map((e) => e.action)).toEqual(['captured', 'full_page_missing']);
    // The library's item view says the same.
    await lib.goto(`chrome-extension://${ext.id}/library.html#item=${item.id}`);
    await lib.reload();
    const st = lib.getByTestId('item-view').getByTestId('fullpage-status');
    await st.waitFor({ timeout: 15_000 });
    expect(await st.getAttribute('data-status')).toBe('missing');
    expect(await st.innerText()).toMatch(/the extension was stopped/);
    await lib.close();
    // The page's own watchdog puts it back (the worker that scrolled it is gone).
    await expect
      .poll(() => page.evaluate(() => document.querySelector('header')!.getAttribute('style')), {
        timeout: 30_000,
      })
      .toBe('border: 0');
    await page.close();
  });

  it('a second capture of the tab waits until the first one’s full-page screenshot is added', async () => {
    const { page, tabId } = await openPage(ext, server.url('/tall-10000.html'));
    const popup = await openPopupFor(ext, tabId);
    type Answer = { res?: { ok: boolean; item_id?: string; full_page?: { status: string } } };
    const send = () =>
      popup.evaluate(
        (id): Promise<Answer> =>
          chrome.runtime.sendMessage({
            id: Math.random(),
            type: 'captureTab',
            data: { tabId: id },
            timestamp: Date.now(),
          }),
        tabId,
      );
    const first = (await send()).res!;
    expect(first.full_page?.status).toBe('pending');
    const second = (await send()).res!;
    expect(second.ok).toBe(true);
    const d = await dumpStore(await ext.worker());
    const one = d.items.find((i) => i.id === first.item_id)! as { full_page?: { at?: string } };
    const two = d.items.find((i) => i.id === second.item_id)!;
    // The first was added before the second capture began (its screenshot shows the page as
    // the user had it, not half-scrolled with the header hidden).
    expect(one.full_page).toMatchObject({ status: 'added' });
    expect(String(two.captured_at) >= one.full_page!.at!).toBe(true);
    await expect
      .poll(
        async () =>
          (
            (await dumpStore(await ext.worker())).items.find((i) => i.id === second.item_id) as {
              full_page?: { status: string };
            }
          ).full_page?.status,
        { timeout: 30_000 },
      )
      .toBe('added');
    await popup.close();
    await page.close();
  });

  it('takes no full-page screenshot when it is turned off in the settings', async () => {
    const settings = await openExtensionPage(ext, 'settings.html');
    const box = settings.getByTestId('fullpage-enabled');
    await expect(box.isChecked()).resolves.toBe(true);
    await box.uncheck();
    await settings.getByTestId('fullpage-settings').getByRole('status').waitFor();
    const c = await clip(ext, server, '/short.html');
    expect(c.popupShown, 'no full-page state in the popup').toBeNull();
    expect(c.item.full_page).toBeUndefined();
    expect(c.record.full_page).toEqual({ off: true });
    expect(c.item.artifacts.filter((a) => a.role === 'screenshot_full')).toEqual([]);
    expect(c.item.alterations.join('\n')).toMatch(/no full-page screenshot: it is turned off/);
    expect(c.bytes('page.mhtml')).toBeDefined();
    await box.check();
    await settings.close();
    await c.page.close();
  });
});

describe('full-page screenshot at device pixel ratio 2, with a classic scrollbar', () => {
  let ext: Extension;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    server.extra.set('/tall-10000.html', makeTallPage({ height: 10_000 }));
    // Classic scrollbars shown, as on a desktop: the image must leave the scrollbar out.
    ext = await launch({ args: ['--force-device-scale-factor=2'], showScrollbars: true });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('gives an image of 10,000 × 2 rows, without the scrollbar, with one sticky header and every band in place', async () => {
    const c = await clip(ext, server, '/tall-10000.html');
    const view = await viewOf(c.page);
    expect(view.dpr).toBe(2);
    const { raw, banded } = fullPage(c);
    const sw = await ext.worker();
    expect(view.width, 'a vertical scrollbar takes part of the window').toBeLessThan(
      view.innerWidth,
    );
    // Columns at the left edge and the last column of the page, just left of the scrollbar.
    const png = await pngColumns(sw, raw.toString('base64'), [10, view.width * 2 - 1]);
    expect(png.width).toBe(view.width * 2);
    expect(png.height).toBe(20_000);
    for (const col of png.columns) expect(wrongRows(col, 2, view.height)).toEqual([]);
    expect(c.fp).toMatchObject({ first_frame_reused: true, scale: 2 });
    const cmp = await compareBanded(sw, raw.toString('base64'), banded.toString('base64'));
    expect(cmp.firstDiff).toBeNull();
    expect(cmp.inkPixels).toBeGreaterThan(1000);
    await c.page.close();
  });
});
