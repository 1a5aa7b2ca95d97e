/**
 * Launching real Chromium with the built extension (e2e build: it carries test hooks) and
 * the page objects the tests use. Pages are reached under a mapped host name; every other
 * host is mapped to a loopback address where nothing listens, so nothing waits on DNS.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HOST } from './server';

export const EXT_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3-e2e');
/** The release build: no host access at install (e2e/permissions.e2e.ts). */
export const RELEASE_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');
/** Detection, the media watch and the Telegram recogniser (entrypoints/background/always-on.ts). */
export const ALWAYS_ON_SCRIPTS = 3;

export interface Extension {
  ctx: BrowserContext;
  id: string;
  profile: string;
  /** The current service worker (it changes when the worker is stopped and started again). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

/**
 * `mapHosts`: more host names served by the local test server (e.g. `t.me`).
 * `otherHosts`: where every other host name leads (default: a loopback address where nothing
 * listens; the no-network test points it at a listener that counts connections).
 * `args`: more browser switches (the media benchmark opens a DevTools port to read the worker's
 * heap; the full-page test sets `--force-device-scale-factor=2`).
 * `showScrollbars`: keep classic scrollbars, which Playwright hides in headless Chromium.
 */
export async function launch(
  opts: {
    profile?: string;
    extDir?: string;
    mapHosts?: string[];
    otherHosts?: string;
    args?: string[];
    showScrollbars?: boolean;
    /**
     * Wait until the always-on content scripts are registered (the worker does it at start
     * when all sites are allowed, as in the e2e build), so the first page a test opens has them.
     * Default: true for the e2e build.
     */
    alwaysOn?: boolean;
  } = {},
): Promise<Extension> {
  const ext = opts.extDir ?? EXT_DIR;
  const profile = opts.profile ?? (await mkdtemp(join(tmpdir(), 'protokol-e2e-')));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: null,
    ...(opts.showScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--window-size=1280,800',
      `--host-resolver-rules=${[HOST, ...(opts.mapHosts ?? [])].map((h) => `MAP ${h} 127.0.0.1`).join(', ')}, MAP * ${opts.otherHosts ?? '127.0.0.2'}`,
      ...(opts.args ?? []),
    ],
  });
  const first = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const id = new URL(first.url()).host;
  if (opts.alwaysOn ?? ext === EXT_DIR) {
    const until = Date.now() + 15_000;
    const count = () =>
      first.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length);
    while ((await count()) !== ALWAYS_ON_SCRIPTS) {
      if (Date.now() > until) throw new Error('the always-on content scripts were not registered');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const worker = async () => {
    // The newest one: after a reload or a restart the old handle may linger in the list.
    const live = ctx
      .serviceWorkers()
      .filter((w) => w.url().startsWith(`chrome-extension://${id}/`))
      .at(-1);
    if (live) return live;
    return ctx.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  return {
    ctx,
    id,
    profile,
    worker,
    close: async () => {
      await ctx.close();
      if (!opts.profile) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Open a web page in a normal tab and return it with its browser tab id. */
export async function openPage(
  ext: Extension,
  url: string,
): Promise<{ page: Page; tabId: number }> {
  const page = await ext.ctx.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
  const tabId = await tabIdOf(ext, url);
  return { page, tabId };
}

export async function tabIdOf(ext: Extension, url: string): Promise<number> {
  const sw = await ext.worker();
  const id = await sw.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const exact = tabs.find((t) => t.url === u);
    if (exact?.id !== undefined) return exact.id;
    // Without the "tabs" permission the extension cannot see the URL of pages it has no host
    // access to (chrome://, file://): take the newest such tab.
    if (/^https?:/.test(u)) return null;
    const hidden = tabs.filter((t) => t.url === undefined && t.id !== undefined).map((t) => t.id!);
    return hidden.length ? Math.max(...hidden) : null;
  }, url);
  if (id === null) throw new Error(`no tab with ${url}`);
  return id;
}

/**
 * The popup as the user sees it, opened for a given tab in its own small window (a real
 * toolbar popup cannot be clicked by Playwright; the page and its code are the same).
 */
export async function openPopupFor(ext: Extension, tabId: number): Promise<Page> {
  const sw = await ext.worker();
  const url = `chrome-extension://${ext.id}/popup.html?tab=${tabId}`;
  const pageP = ext.ctx.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`chrome-extension://${ext.id}/popup.html`),
  });
  await sw.evaluate(async (u) => {
    await chrome.windows.create({ url: u, type: 'popup', width: 360, height: 520, focused: false });
  }, url);
  const popup = await pageP;
  await popup.waitForLoadState('domcontentloaded');
  return popup;
}

/**
 * Click "Clip this page" in the popup and wait for the outcome. The popup answers once the item
 * is saved; the full-page screenshot follows. By default this also waits until the popup says
 * it was added or is missing (a user who keeps the tab open, as the popup asks); `fullPage:
 * 'saved'` returns at "Saved". `fullPageShown` is the full-page state the popup showed first.
 */
export async function clipThroughPopup(
  ext: Extension,
  tabId: number,
  opts: { fullPage?: 'done' | 'saved' } = {},
): Promise<{ popup: Page; state: string; fullPageShown: string | null }> {
  const popup = await openPopupFor(ext, tabId);
  await popup.getByTestId('clip-page').click();
  const status = popup.getByTestId('capture-status');
  // A huge page's own work takes long (the 30 MB page takes ~30 s alone).
  await status
    .and(popup.locator('[data-state="ok"], [data-state="error"], [data-state="sealed"]'))
    .waitFor({ timeout: 100_000 });
  const fp = popup.getByTestId('fullpage-status');
  const fullPageShown = (await fp.count()) > 0 ? await fp.getAttribute('data-status') : null;
  if (fullPageShown !== null && (opts.fullPage ?? 'done') === 'done')
    // Up to ~21 views at Chromium's two screenshots a second.
    await fp
      .and(popup.locator('[data-status="added"], [data-status="missing"]'))
      .waitFor({ timeout: 100_000 });
  return { popup, state: (await status.getAttribute('data-state')) ?? '', fullPageShown };
}

/** Export items through the library's automation surface, as `protokol capture` does; the pack is saved at `path`. */
export async function exportPack(lib: Page, itemIds: string[], path: string): Promise<string> {
  await lib.waitForFunction(() => 'protokolAutomation' in globalThis);
  const downloadP = lib.waitForEvent('download', { timeout: 240_000 });
  const exported = lib.evaluate(
    (ids) =>
      (
        globalThis as unknown as {
          protokolAutomation: { exportPack(s: unknown): Promise<{ size: number }> };
        }
      ).protokolAutomation.exportPack({ itemIds: ids }),
    itemIds,
  );
  const [dl] = await Promise.all([downloadP, exported]);
  await dl.saveAs(path);
  return path;
}

/** Stop the extension's service worker as the browser does when it kills a worker. */
export async function stopWorker(ext: Extension): Promise<void> {
  const page = await openExtensionPage(ext, 'popup.html');
  const cdp = await ext.ctx.newCDPSession(page);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) =>
    statuses.push(...e.versions.map((v) => v.runningStatus)),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => statuses.includes('stopped'), { timeout: 10_000 }).toBe(true);
  await page.close();
}

export async function openExtensionPage(ext: Extension, path: string): Promise<Page> {
  const page = await ext.ctx.newPage();
  await page.goto(`chrome-extension://${ext.id}/${path}`);
  return page;
}
