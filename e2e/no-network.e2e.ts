/**
 * No request leaves the machine unless the user turned on a feature that makes one.
 *
 * With every opt-in feature off (trusted timestamps, the Telegram second-path check), the test
 * walks the whole product in real Chromium — detection, page captures (with their full-page
 * screenshot and MHTML), saving a page's photo from the media list, Telegram clips in both
 * layouts, the library, a pack export and the verifier — and counts every request to anything
 * but the local test server, two ways:
 *  - Playwright's context-level `request` event, which in Chromium also reports the extension
 *    service worker's fetches (playwright-core 1.64 attaches its network manager to service
 *    workers unless PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK is set; the test checks it sees the
 *    worker's own fetch of the page "as served", so a silent loss of that support fails here);
 *  - at the network level: every host name but the test server's resolves to a listener that
 *    counts connections, which also catches a request from a context Playwright does not watch.
 * The second test proves the counters can fail: with timestamps on, pointed at an authority that
 * does not answer, the worker's request is seen by both.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipThroughPopup,
  launch,
  openExtensionPage,
  openPage,
  openPopupFor,
  type Extension,
} from './browser';
import { startServer, type TestServer } from './server';
import { setTimestamps, timestampsOn } from './settings-page';
import { startConnectionSink, type ConnectionSink } from './connection-sink';

interface Seen {
  from: string;
  url: string;
}

let ext: Extension;
let server: TestServer;
let sink: ConnectionSink;
const foreign: Seen[] = [];
let workerLocal = 0;
let total = 0;
const work = mkdtempSync(join(tmpdir(), 'protokol-nonet-'));

function origin(r: Request): string {
  const sw = r.serviceWorker();
  if (sw) return `service worker ${sw.url()}`;
  try {
    return `frame ${r.frame().url()}`;
  } catch {
    return 'unknown context';
  }
}

function watch(r: Request): void {
  total++;
  const u = new URL(r.url());
  if (!/^(https?|wss?|ftp):$/.test(u.protocol)) return; // chrome-extension:, data:, blob:
  if (u.host === new URL(server.origin).host) {
    if (r.serviceWorker()) workerLocal++;
    return;
  }
  foreign.push({ from: origin(r), url: r.url() });
}

beforeAll(async () => {
  server = await startServer();
  sink = await startConnectionSink();
  ext = await launch({ otherHosts: sink.address });
  ext.ctx.on('request', watch);
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
  await sink?.close();
});

/**
 * Chromium itself talks to Google's services in the background (extension and component update
 * checks, account services) even with --disable-background-networking and
 * --disable-component-update: those connections reach the sink too but are not Protokol's (its
 * requests are all in the context-level count above, which must be empty). They are split off
 * by exact host name; anything else at the sink fails the test.
 */
const CHROMIUM_SERVICE_HOST =
  /^(?:[a-z0-9-]+\.)*(?:googleapis\.com|google\.com|gvt1\.com|gstatic\.com)$/;
function splitBrowserOwn(hosts: string[]): [string[], string[]] {
  return [
    hosts.filter((h) => CHROMIUM_SERVICE_HOST.test(h)),
    hosts.filter((h) => !CHROMIUM_SERVICE_HOST.test(h)),
  ];
}

async function waitTelegramStatus(popup: Awaited<ReturnType<typeof openPopupFor>>) {
  const status = popup.getByTestId('tg-status');
  await status
    .and(popup.locator('[data-state="ok"], [data-state="error"]'))
    .waitFor({ timeout: 60_000 });
  expect(await status.getAttribute('data-state'), await status.innerText()).toBe('ok');
}

describe('network silence', () => {
  it('makes no request but to the local pages while every opt-in feature is off', async () => {
    expect(await timestampsOn(ext)).toBe(false);

    // Detection on a raid article, then a capture of it and of two more pages.
    const { page: raid, tabId: raidTab } = await openPage(ext, server.url('ru-raid.html'));
    const det = await openPopupFor(ext, raidTab);
    await det.getByTestId('detection-verdict').waitFor({ timeout: 30_000 });
    await det.close();
    expect((await clipThroughPopup(ext, raidTab)).state).toBe('ok');
    // The page's photo saved on its own from the popup's media list (download, thumbnails).
    const media = await openPopupFor(ext, raidTab);
    await media.getByTestId('media-panel').waitFor({ timeout: 20_000 });
    await media.getByTestId('media-summary-line').click(); // the list is folded
    const row = media.locator('[data-testid="media-row"][data-kind="image"]').first();
    await row.getByTestId('media-save').click();
    await row.and(media.locator('[data-state="done"], [data-state="failed"]')).waitFor();
    expect(await row.getAttribute('data-state'), await row.innerText()).toBe('done');
    await media.close();
    await raid.close();
    for (const file of ['en-objector.html', 'uk-basement.html']) {
      const { page, tabId } = await openPage(ext, server.url(file));
      expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
      await page.close();
    }

    // Telegram: a t.me/s channel page and the web-client layout, whose posts link to t.me.
    const { page: channel, tabId: channelTab } = await openPage(
      ext,
      server.url('telegram/channel.html'),
    );
    let popup = await openPopupFor(ext, channelTab);
    await popup.getByTestId('tg-clip-in-view').click();
    await waitTelegramStatus(popup);
    await popup.close();
    await channel.close();
    const { page: webk, tabId: webkTab } = await openPage(ext, server.url('telegram/webk.html'));
    popup = await openPopupFor(ext, webkTab);
    expect(await popup.getByTestId('tg-second-path').isChecked()).toBe(false);
    await popup.getByTestId('tg-clip-in-view').click();
    await waitTelegramStatus(popup);
    await popup.close();
    await webk.close();

    // The library: search, open an item, export what the search shows as a pack.
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('search-input').fill('objector');
    await expect.poll(() => lib.getByTestId('item-count').getAttribute('data-count')).toBe('1');
    await lib.getByTestId('item-row').first().click();
    await lib.getByTestId('item-view').waitFor();
    const downloadP = lib.waitForEvent('download');
    await lib.locator('.lib-tools [data-testid="export-pack"]').click();
    const packPath = join(work, 'all.protokol.zip');
    await (await downloadP).saveAs(packPath);
    await lib.locator('[data-testid="export-status"][data-state="done"]').first().waitFor();
    await lib.close();

    // The verifier checks the pack.
    const verifier = await openExtensionPage(ext, 'verifier.html');
    await verifier.getByTestId('verifier-file').setInputFiles(packPath);
    const status = verifier.getByTestId('verifier-status');
    await status.waitFor({ timeout: 60_000 });
    expect(await status.getAttribute('data-status')).toBe('valid');
    await verifier.close();

    // Give late background work (alarms, follow-ups of the captures) a moment to show itself.
    await new Promise((r) => setTimeout(r, 2_000));
    console.log(
      `no-network: ${total} requests seen, ${workerLocal} of them the service worker's to the test server`,
    );
    // The watcher does see the worker: it fetched each captured page again "as served".
    expect(workerLocal).toBeGreaterThanOrEqual(3);
    expect(foreign).toEqual([]);
    const [browserOwn, other] = splitBrowserOwn(sink.hosts);
    console.log(`no-network: Chromium's own background connections: ${browserOwn.join(', ')}`);
    expect(other).toEqual([]);
  });

  it('sees the request when a feature that makes one is turned on (the counters can fail)', async () => {
    foreign.length = 0;
    sink.hosts.length = 0;
    const authority = 'http://tsa.unreachable.example/tsr';
    await setTimestamps(ext, [authority]);
    const { page, tabId } = await openPage(ext, server.url('csp.html'));
    expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
    await page.close();
    await expect.poll(() => foreign.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(foreign[0]!.url).toBe(authority);
    expect(foreign[0]!.from).toMatch(/^service worker /);
    await expect
      .poll(() => splitBrowserOwn(sink.hosts)[1], { timeout: 10_000 })
      .toContain('tsa.unreachable.example');
  });
});
