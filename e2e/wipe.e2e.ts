/**
 * Panic wipe in real Chromium: a short press does nothing; holding the button for about a
 * second erases the store, keys and settings, and the extension comes back as if freshly
 * installed, ready to capture again.
 */
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
import { dumpStore } from './store-reader';

let ext: Extension;
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  ext = await launch();
});
afterAll(async () => {
  await ext?.close();
  await server?.close();
});

async function holdWipe(ms: number, tabId: number) {
  const popup = await openPopupFor(ext, tabId);
  const btn = popup.getByTestId('panic-wipe');
  await btn.hover();
  await popup.mouse.down();
  await new Promise((r) => setTimeout(r, ms)); // not popup.waitForTimeout: the wipe closes the popup
  await popup.mouse.up().catch(() => undefined); // the popup may already be closed by the wipe
  return popup;
}

describe('panic wipe', () => {
  it('does nothing on a short press', async () => {
    const { page, tabId } = await openPage(ext, server.url('ru-raid.html'));
    expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
    const popup = await holdWipe(400, tabId);
    expect(await popup.getByTestId('panic-wipe').getAttribute('data-state')).toBe('idle');
    await popup.close();
    expect((await dumpStore(await ext.worker())).items).toHaveLength(1);
    await page.close();
  });

  it('erases everything after a one-second hold, and the extension starts fresh', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    await lib.evaluate(() => chrome.storage.local.set({ locale: 'ru' }));
    const { page, tabId } = await openPage(ext, server.url('uk-basement.html'));
    const t0 = Date.now();
    await holdWipe(1_400, tabId);
    // The library page was closed by the wipe: it showed evidence.
    await expect.poll(() => lib.isClosed(), { timeout: 10_000 }).toBe(true);
    const fresh = await (async () => {
      for (let i = 0; i < 50; i++) {
        try {
          const p = await openExtensionPage(ext, 'settings.html');
          return p;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      throw new Error('the extension did not come back');
    })();
    const state = await fresh.evaluate(async () => ({
      dbs: (await indexedDB.databases()).map((d) => d.name),
      local: await chrome.storage.local.get(null),
    }));
    console.log(`panic wipe: press to fresh extension page in ${Date.now() - t0} ms`);
    // The settings page itself opens a new, empty store (and makes a new key) — nothing old.
    const d = await dumpStore(fresh);
    expect(d.items).toHaveLength(0);
    expect(d.custody).toHaveLength(0);
    expect(state.local).toEqual({});
    await fresh.close();
    // Still works: a new capture goes in.
    expect((await clipThroughPopup(ext, tabId)).state).toBe('ok');
    expect((await dumpStore(await ext.worker())).items).toHaveLength(1);
    await page.close();
  });
});
