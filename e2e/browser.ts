/**
 * Launching a real browser with the built extension (e2e build: it carries test hooks) and
 * the page objects the tests use. Pages are reached under a mapped host name; in Chromium every
 * other host is mapped to a loopback address where nothing listens, so nothing waits on DNS.
 *
 * `PROTOKOL_BROWSER=firefox` runs the same tests in Firefox ESR (`FIREFOX_PATH`, default
 * /usr/bin/firefox-esr) with the Firefox build (`wxt build -b firefox --mode e2e`). There the
 * extension has a background page instead of a service worker, and WebDriver BiDi can neither
 * see that page nor navigate a tab to a `moz-extension://` page: `worker()` answers with a
 * stand-in that runs the test's function in an extension page (same origin, same database,
 * `chrome` APIs) with the background's test hooks as `globalThis.__protokol`, and extension
 * pages are opened by the extension itself (test-only hook, entrypoints/background/test-hooks.ts).
 */
import { chromium, firefox, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { expect } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GECKO_ID } from '../utils/gecko-id';
import { HOST } from './server';

export type BrowserName = 'chromium' | 'firefox';
/** The browser the e2e tests run in. */
export const BROWSER: BrowserName =
  process.env.PROTOKOL_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const IS_FIREFOX = BROWSER === 'firefox';

/** The Chromium e2e build, whatever PROTOKOL_BROWSER says. */
export const CHROME_EXT_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3-e2e');

export const EXT_DIR = resolve(
  import.meta.dirname,
  '..',
  '.output',
  IS_FIREFOX ? 'firefox-mv3-e2e' : 'chrome-mv3-e2e',
);

/** Fixed so that extension page URLs are known before launch (Firefox gives each profile its own). */
const FIREFOX_UUID = '5f0d3c1e-7a52-4b8e-9d61-2c4a8e0b7f13';
/** The test-only hook's address (see OPEN_HOOK_PREFIX in entrypoints/background/test-hooks.ts). */
const OPEN_HOOK = 'http://protokol.test/open/';
/** The release build: no host access at install (e2e/permissions.e2e.ts). */
export const RELEASE_DIR = resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');
/** Detection, the media watch and the Telegram recogniser (entrypoints/background/always-on.ts). */
export const ALWAYS_ON_SCRIPTS = 3;

export interface Extension {
  ctx: BrowserContext;
  /** Chromium: the extension id; Firefox: the extension's per-profile UUID. */
  id: string;
  browser: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  origin: string;
  profile: string;
  /**
   * The current service worker (it changes when the worker is stopped and started again).
   * Firefox: a stand-in with the same `evaluate` (see the comment at the top).
   */
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
    /** Another browser than PROTOKOL_BROWSER's (the cross-browser test); give its `extDir`. */
    browser?: BrowserName;
  } = {},
): Promise<Extension> {
  const ext = opts.extDir ?? EXT_DIR;
  const profile = opts.profile ?? (await mkdtemp(join(tmpdir(), 'protokol-e2e-')));
  if ((opts.browser ?? BROWSER) === 'firefox') return launchFirefox(ext, profile, opts);
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
    browser: 'chromium',
    origin: `chrome-extension://${id}`,
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
  const url = `${ext.origin}/popup.html?tab=${tabId}`;
  const create = (u: string) =>
    sw.evaluate(async (u) => {
      await chrome.windows.create({
        url: u,
        type: 'popup',
        width: 360,
        height: 520,
        focused: false,
      });
    }, u);
  if (ext.browser === 'firefox')
    // Firefox's BiDi stops reporting extension documents once a popup-type window was closed:
    // there the popup page opens in a background tab of the page's window (the page stays the
    // active tab, which is what the screenshots capture).
    return pageOpenedBy(
      ext.ctx,
      (u) => u === url,
      () =>
        sw.evaluate(
          async ({ u, tabId }) => {
            const { windowId } = await chrome.tabs.get(tabId);
            await chrome.tabs.create({ url: u, windowId, active: false });
          },
          { u: url, tabId },
        ),
      // Seen in CI once: the tab was made but BiDi never reported its document; ask again.
      15_000,
    );
  const pageP = ext.ctx.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${ext.origin}/popup.html`),
  });
  await create(url);
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
  const dl = await nextDownload(lib, () =>
    lib.evaluate(
      (ids) =>
        (
          globalThis as unknown as {
            protokolAutomation: { exportPack(s: unknown): Promise<{ size: number }> };
          }
        ).protokolAutomation.exportPack({ itemIds: ids }),
      itemIds,
    ),
  );
  await dl.saveAs(path);
  return path;
}

export interface SavedDownload {
  suggestedFilename(): string;
  saveAs(path: string): Promise<void>;
}

/** Firefox: the folder each context's downloads land in (downloadsPath at launch). */
const downloadDirs = new WeakMap<BrowserContext, string>();

/**
 * The download `trigger` starts from `page`. Chromium: Playwright's download event. Firefox:
 * the driver drops BiDi download events that belong to no navigation (an `<a download>` of a
 * blob, as the export does), but the browser still saves the file, under its own name, into
 * the launch's downloadsPath: it is taken from there once complete.
 */
export async function nextDownload(
  page: Page,
  trigger: () => Promise<unknown>,
  timeout = 240_000,
): Promise<SavedDownload> {
  const dir = downloadDirs.get(page.context());
  if (!dir) {
    const downloadP = page.waitForEvent('download', { timeout });
    const [dl] = await Promise.all([downloadP, trigger()]);
    return dl;
  }
  const before = new Set(await readdir(dir));
  await trigger();
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = await readdir(dir);
    const fresh = names.filter((n) => !before.has(n) && !n.endsWith('.part'));
    const done = fresh.find((n) => !names.includes(`${n}.part`));
    if (done) {
      const size = (await stat(join(dir, done))).size;
      await new Promise((r) => setTimeout(r, 200));
      if (size > 0 && (await stat(join(dir, done))).size === size) {
        before.add(done);
        return {
          suggestedFilename: () => done,
          saveAs: (to) => copyFile(join(dir, done), to),
        };
      }
    }
    if (Date.now() > deadline) throw new Error(`no download arrived in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
  const url = `${ext.origin}/${path}`;
  if (ext.browser === 'firefox') {
    const sw = await ext.worker();
    return pageOpenedBy(
      ext.ctx,
      (u) => u === url,
      () => sw.evaluate((u) => chrome.tabs.create({ url: u }), url),
      15_000,
    );
  }
  const page = await ext.ctx.newPage();
  await page.goto(url);
  return page;
}

/**
 * Firefox: a page the extension opens (BiDi first reports it as about:blank), once its
 * document answers; `trigger` makes the extension open it.
 */
async function pageOpenedBy(
  ctx: BrowserContext,
  match: (url: string) => boolean,
  trigger: () => Promise<unknown>,
  retryEveryMs = 0,
): Promise<Page> {
  const before = new Set(ctx.pages());
  // Tabs whose document the browser never reported as ready (seen under load): left alone,
  // and the extension is asked to open the page again.
  const stale = new Set<Page>();
  await trigger();
  const deadline = Date.now() + 60_000;
  let retryAt = retryEveryMs ? Date.now() + retryEveryMs : Infinity;
  for (;;) {
    const page = ctx.pages().find((p) => !before.has(p) && !stale.has(p) && match(p.url()));
    if (page) {
      const ready = await Promise.race([
        page.evaluate(() => document.readyState !== 'loading').catch(() => false),
        new Promise<false>((r) => setTimeout(() => r(false), 5000)),
      ]);
      if (ready) return closedByExtension(page, (u) => tabRemovers.get(ctx)!(u));
      stale.add(page);
      retryAt = 0;
    }
    if (Date.now() > deadline)
      throw new Error(
        `the extension did not open the page in time (open: ${ctx
          .pages()
          .map((p) => p.url())
          .join(', ')})`,
      );
    if (Date.now() > retryAt) {
      retryAt = Date.now() + (retryEveryMs || 10_000);
      await trigger();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Firefox: BiDi's close of a tab the extension opened waits (for seconds, or until some other
 * page closes) for a context-destroyed event that comes late, and the browser may then stop
 * reporting new extension documents. The extension closes its own tab instead.
 */
const tabRemovers = new WeakMap<BrowserContext, (url: string) => Promise<unknown>>();

function closedByExtension(page: Page, remove: (url: string) => Promise<unknown>): Page {
  page.close = async () => {
    await remove(page.url());
  };
  return page;
}

/**
 * Firefox: Playwright's `fill` over BiDi sets the value from its isolated world, and React's
 * controlled inputs (the library's search, a tag) never hear it; typing drops Cyrillic keys.
 * There `fill` sets the value in the page's own world and sends the input event a browser
 * sends after typing (one patch of the Locator class, in Firefox runs only).
 */
let fillPatched = false;
function fillInPageWorld(page: Page): void {
  if (fillPatched) return;
  fillPatched = true;
  type Fill = (value: string, opts?: { timeout?: number }) => Promise<void>;
  const proto = Object.getPrototypeOf(page.locator('body')) as {
    fill: Fill;
    evaluate: (fn: (el: Element, v: string) => void, arg: string, opts?: object) => Promise<void>;
  };
  proto.fill = async function (this: typeof proto, value, opts) {
    await this.evaluate(
      (el, v) => {
        const input = el as HTMLInputElement | HTMLTextAreaElement;
        input.focus();
        const own = Object.getPrototypeOf(input) as object;
        Object.getOwnPropertyDescriptor(own, 'value')!.set!.call(input, v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
      opts,
    );
  };
}

async function launchFirefox(
  ext: string,
  profile: string,
  opts: { profile?: string; mapHosts?: string[]; alwaysOn?: boolean },
): Promise<Extension> {
  // A proxy file: the profile loads the unpacked build from its folder (no signing, no zip).
  await mkdir(join(profile, 'extensions'), { recursive: true });
  await writeFile(join(profile, 'extensions', GECKO_ID), `${ext}\n`);
  const downloads = join(profile, 'e2e-downloads');
  await mkdir(downloads, { recursive: true });
  const ctx = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    viewport: null,
    args: ['--width=1280', '--height=800'],
    // Downloads are saved here under their own names (nextDownload reads them).
    downloadsPath: downloads,
    firefoxUserPrefs: {
      'xpinstall.signatures.required': false,
      // Enable add-ons found in the profile folder without asking.
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // The test server's names resolve to the loopback address.
      'network.dns.localDomains': [HOST, 'protokol.test', ...(opts.mapHosts ?? [])].join(','),
      // The test pages are plain http on a mapped name: do not try https first.
      'dom.security.https_first': false,
      'dom.security.https_only_mode': false,
    },
  });
  downloadDirs.set(ctx, downloads);
  const origin = `moz-extension://${FIREFOX_UUID}`;
  const bridgeUrl = `${origin}/verifier.html?e2e-bridge`;
  let bridge: Page | undefined;
  const openBridge = async (): Promise<Page> => {
    if (bridge && !bridge.isClosed()) return bridge;
    bridge = await pageOpenedBy(
      ctx,
      (u) => u === bridgeUrl,
      async () => {
        // The hook answers by opening the page in a new tab and closing this one. Right after
        // the launch the background may not listen yet: try again until it does.
        const opener = await ctx.newPage();
        await opener.goto(`${OPEN_HOOK}verifier.html?e2e-bridge`).catch(() => undefined);
      },
      3000,
    );
    return bridge;
  };
  const stand: Pick<Worker, 'evaluate' | 'url'> = {
    url: () => `${origin}/background`,
    evaluate: (async (fn: unknown, arg?: unknown) => {
      const page = await openBridge();
      const src = typeof fn === 'function' ? fn.toString() : `() => (${String(fn)})`;
      const args = arg === undefined ? '' : JSON.stringify(arg);
      return page.evaluate(`(async () => {
        const bg = await browser.runtime.getBackgroundPage();
        globalThis.__protokol = bg ? bg.__protokol : undefined;
        return await (${src})(${args});
      })()`);
    }) as Worker['evaluate'],
  };
  tabRemovers.set(ctx, (url) =>
    stand.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id !== undefined) await chrome.tabs.remove(tab.id);
    }, url),
  );
  await openBridge();
  fillInPageWorld(bridge!);
  if (opts.alwaysOn ?? ext === EXT_DIR) {
    // As in Chromium: the background registers the always-on content scripts at start.
    const until = Date.now() + 15_000;
    const count = () =>
      stand.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length);
    while ((await count()) !== ALWAYS_ON_SCRIPTS) {
      if (Date.now() > until) throw new Error('the always-on content scripts were not registered');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    ctx,
    id: FIREFOX_UUID,
    browser: 'firefox',
    origin,
    profile,
    worker: () => Promise.resolve(stand as Worker),
    close: async () => {
      await ctx.close();
      if (!opts.profile) await rm(profile, { recursive: true, force: true });
    },
  };
}
