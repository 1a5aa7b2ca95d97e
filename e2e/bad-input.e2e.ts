/**
 * Bad input gets a clear message and loses nothing: pages that cannot be captured, hostile
 * and huge pages, a full store, and a worker stopped in the middle of a capture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clipThroughPopup,
  launch,
  openPage,
  openPopupFor,
  stopWorker,
  tabIdOf,
  type Extension,
} from './browser';
import { startServer, type TestServer } from './server';
import { countStore, dumpStore } from './store-reader';
import { makeTallPage } from './tall-page';

let ext: Extension;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  server.extra.set('/tall-8000.html', makeTallPage({ height: 8_000 }));
  ext = await launch();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

/** Ask the background to capture a tab the way the popup does, and return its answer. */
async function captureViaPopupMessage(tabId: number) {
  const popup = await openPopupFor(ext, tabId);
  type Answer = { res?: { ok: boolean; error?: { code: string } } };
  const res = await popup.evaluate(
    (id): Promise<Answer> =>
      chrome.runtime.sendMessage({
        id: 1,
        type: 'captureTab',
        data: { tabId: id },
        timestamp: Date.now(),
      }),
    tabId,
  );
  await popup.close();
  return res;
}

describe('pages that cannot be captured', () => {
  it('refuses chrome:// and file:// pages with a clear message', async () => {
    for (const url of ['chrome://version/', 'file:///etc/hostname']) {
      const page = await ext.ctx.newPage();
      await page.goto(url);
      const tabId = await tabIdOf(ext, url);
      const popup = await openPopupFor(ext, tabId);
      await expect(popup.getByTestId('clip-page').isDisabled()).resolves.toBe(true);
      await popup.close();
      const answer = await captureViaPopupMessage(tabId);
      expect(answer.res?.ok).toBe(false);
      expect(answer.res?.error?.code).toBe('errNotCapturable');
      await page.close();
    }
    expect((await dumpStore(await ext.worker())).items).toHaveLength(0);
  });
});

describe('hostile and heavy pages', () => {
  it('captures a page whose scripts throw and sabotage built-ins', async () => {
    const { page, tabId } = await openPage(ext, server.url('throws.html'));
    const { state } = await clipThroughPopup(ext, tabId);
    expect(state).toBe('ok');
    await page.close();
  });

  it('captures a page served with a strict Content-Security-Policy', async () => {
    const { page, tabId } = await openPage(ext, server.url('csp.html'));
    const { state } = await clipThroughPopup(ext, tabId);
    expect(state).toBe('ok');
    await page.close();
  });

  it('captures a 30 MB page', async () => {
    const { page, tabId } = await openPage(ext, server.url('big.html'));
    const { state, popup } = await clipThroughPopup(ext, tabId);
    expect(state, await popup.getByTestId('capture-status').innerText()).toBe('ok');
    const d = await dumpStore(await ext.worker());
    const big = d.items.find((i) => String(i.url).endsWith('big.html'))!;
    const served = big.artifacts.find((a) => a.role === 'html_served')!;
    expect(d.artifacts.find((a) => a.id === served.artifact_id)!.size).toBeGreaterThanOrEqual(
      30 * 1024 * 1024,
    );
    await page.close();
  });

  it('ignores messages from web pages and content scripts for privileged actions', async () => {
    const { page, tabId } = await openPage(ext, server.url('not-article.html'));
    // A web page cannot reach the extension at all (no externally_connectable).
    const fromPage = await page.evaluate(
      () =>
        typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
          ?.sendMessage,
    );
    expect(fromPage).not.toBe('function');
    // A content script (our own, in the page's isolated world) is refused privileged actions.
    const sw = await ext.worker();
    const answer = await sw.evaluate(async (id) => {
      const [r] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: () =>
          chrome.runtime.sendMessage({
            id: 9,
            type: 'captureTab',
            data: { tabId: 1 },
            timestamp: Date.now(),
          }),
      });
      return r?.result as { err?: { message: string } } | undefined;
    }, tabId);
    expect(answer?.err?.message ?? '').toMatch(/only allowed from Protokol/);
    await page.close();
  });
});

describe('failures lose nothing', () => {
  it('reports a full store clearly and keeps what was stored before', async () => {
    const before = await dumpStore(await ext.worker());
    expect(before.items.length).toBeGreaterThan(0);
    const { page, tabId } = await openPage(ext, server.url('ru-raid.html'));
    // The extension holds unlimitedStorage (evidence must never be evicted), so the browser's
    // quota cannot be lowered from outside; the e2e build makes the store's byte writes fail
    // with a real QuotaExceededError inside the real IndexedDB transaction instead.
    const setQuota = async (on: boolean) =>
      (await ext.worker()).evaluate(
        (v) =>
          (
            globalThis as unknown as { __protokol: { simulateQuotaExceeded(v: boolean): void } }
          ).__protokol.simulateQuotaExceeded(v),
        on,
      );
    await setQuota(true);
    const { state, popup } = await clipThroughPopup(ext, tabId);
    await setQuota(false);
    expect(state).toBe('error');
    expect(await popup.getByTestId('capture-error').getAttribute('data-code')).toBe('errQuota');
    expect(await popup.getByTestId('capture-error').innerText()).toMatch(/no storage space left/);
    await popup.close();
    const after = await dumpStore(await ext.worker());
    expect(after.items.map((i) => i.id).sort()).toEqual(before.items.map((i) => i.id).sort());
    expect(after.custody.length).toBe(before.custody.length);
    expect(after.artifacts.length).toBe(before.artifacts.length);
    await page.close();
  });

  it('keeps the saved item when the store fills up during the full-page screenshot, and says why it is missing', async () => {
    const { page, tabId } = await openPage(ext, server.url('/tall-8000.html'));
    const setQuota = async (on: boolean) =>
      (await ext.worker()).evaluate(
        (v) =>
          (
            globalThis as unknown as { __protokol: { simulateQuotaExceeded(v: boolean): void } }
          ).__protokol.simulateQuotaExceeded(v),
        on,
      );
    const { state, popup, fullPageShown } = await clipThroughPopup(ext, tabId, {
      fullPage: 'saved',
    });
    expect(state).toBe('ok');
    expect(fullPageShown).toBe('pending');
    // The item is saved; the full-page screenshot (about ten views) is still being taken.
    await setQuota(true);
    const before = await dumpStore(await ext.worker());
    const fp = popup.getByTestId('fullpage-status');
    await fp.and(popup.locator('[data-status="missing"]')).waitFor({ timeout: 30_000 });
    await setQuota(false);
    expect(await fp.innerText()).toMatch(/missing: the browser has no storage space left/);
    await popup.close();
    const after = await dumpStore(await ext.worker());
    const item = after.items.find((i) => String(i.url).endsWith('/tall-8000.html'))!;
    expect(item.full_page).toMatchObject({ status: 'missing' });
    // Nothing half-written: the same artifacts as at "Saved", and one event saying why.
    expect(after.artifacts.length).toBe(before.artifacts.length);
    expect(item.artifacts.map((a) => a.role)).not.toContain('screenshot_full');
    const actions = after.custody
      .filter((c) => c.item_id === item.id)
      .sort((a, b) => a.seq - b.seq)
      .map((c) => c.action);
    expect(actions).toEqual(['captured', 'full_page_missing']);
    expect((await countStore(await ext.worker())).orphanChunks).toBe(0);
    await page.close();
  });

  it('tells the user when the worker was stopped mid-capture, and writes no half item', async () => {
    const before = await dumpStore(await ext.worker());
    const url = server.url(`hang-on-refetch/${Date.now()}.html`);
    const { page, tabId } = await openPage(ext, url);
    const popup = await openPopupFor(ext, tabId);
    await popup.getByTestId('clip-page').click();
    // Wait until the extension is fetching the page again (the server holds that request).
    const path = new URL(url).pathname;
    await expect.poll(() => server.hits.get(path) ?? 0, { timeout: 15_000 }).toBe(2);
    await popup.close();
    // Stop the extension's service worker as the browser does when it kills an idle or hung one.
    await stopWorker(ext);
    // Opening the popup wakes the worker; it finds the capture it could not finish.
    const again = await ext.ctx.newPage();
    await again.goto(`chrome-extension://${ext.id}/popup.html?tab=${tabId}`);
    const problem = again.locator('[data-testid="problem"][data-status="interrupted"]');
    await problem.waitFor({ timeout: 20_000 });
    expect(await problem.innerText()).toContain(url);
    const after = await dumpStore(again);
    expect(after.items.length).toBe(before.items.length);
    expect(after.artifacts.length).toBe(before.artifacts.length);
    expect(after.custody.length).toBe(before.custody.length);
    expect(after.jobs.find((j) => j.url === url)?.status).toBe('interrupted');
    await again.close();
    await page.close();
  });
});
