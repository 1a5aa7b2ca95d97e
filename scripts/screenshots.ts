/**
 * The README's screenshots of the popup and the library in each interface language, made from
 * real captures of the local test articles (ru, uk, en) in headless Chromium with the e2e
 * build. Run: npm run docs:screenshots   (writes docs/popup-<lang>.png, docs/library-<lang>.png
 * and docs/lock-<lang>.png, the library's lock screen once the store is encrypted and locked;
 * PROTOKOL_SHOT_LANGS=ru,uk,en picks the languages, default ru).
 */
import { launch, openExtensionPage, openPage, openPopupFor, type Extension } from '../e2e/browser';
import { startServer } from '../e2e/server';
import { resolve } from 'node:path';

const DOCS = resolve(import.meta.dirname, '..', 'docs');
const langs = (process.env.PROTOKOL_SHOT_LANGS ?? 'ru').split(',').map((s) => s.trim());
const articles = ['/en-objector.html', '/uk-basement.html', '/ru-raid.html'];

/** Capture a tab and wait for its full-page screenshot (the tab is closed next). */
async function capture(ext: Extension, tabId: number): Promise<void> {
  const sw = await ext.worker();
  const res = await sw.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          __protokol: {
            runCapture(
              id: number,
              caseId: null,
              media: 'none',
              recordFor: undefined,
              fullPage: 'wait',
            ): Promise<{ ok: boolean; error?: unknown }>;
          };
        }
      ).__protokol.runCapture(id, null, 'none', undefined, 'wait'),
    tabId,
  );
  if (!res.ok) throw new Error(`capture failed: ${JSON.stringify(res.error)}`);
}

async function setLocale(ext: Extension, lang: string): Promise<void> {
  const sw = await ext.worker();
  await sw.evaluate((l) => chrome.storage.local.set({ locale: l }), lang);
}

const server = await startServer();
try {
  for (const lang of langs) {
    // The date inputs are Chromium's own controls: they follow the browser's language, which
    // headless Chromium here keeps English whatever --lang says.
    const ext = await launch();
    try {
      await setLocale(ext, lang);
      let tabId = -1;
      for (const path of articles) {
        const opened = await openPage(ext, server.url(path));
        await capture(ext, opened.tabId);
        if (path === articles.at(-1)) tabId = opened.tabId;
        else await opened.page.close();
      }
      // The popup over the Russian article: detection, the capture button, media, panic wipe.
      const popup = await openPopupFor(ext, tabId);
      await popup.setViewportSize({ width: 360, height: 620 });
      await popup.getByTestId('clip-page').waitFor();
      await popup.waitForTimeout(1500); // detection and the media list answer asynchronously
      await popup.screenshot({ path: resolve(DOCS, `popup-${lang}.png`) });
      await popup.close();

      const lib = await openExtensionPage(ext, 'library.html');
      await lib.setViewportSize({ width: 1280, height: 800 });
      await lib.getByTestId('item-row').first().click();
      await lib.waitForTimeout(1000);
      await lib.screenshot({ path: resolve(DOCS, `library-${lang}.png`) });
      await lib.close();

      // The same store encrypted (converted in place), then locked: the library's lock screen.
      const sw = await ext.worker();
      await sw.evaluate(async (pass) => {
        const v = (
          globalThis as unknown as {
            __protokol: {
              vaultService: { create(p: string): Promise<{ ok: boolean }>; lock(): Promise<void> };
            };
          }
        ).__protokol.vaultService;
        if (!(await v.create(pass)).ok) throw new Error('the vault was not created');
        await v.lock();
      }, 'correct horse battery staple');
      const locked = await openExtensionPage(ext, 'library.html');
      await locked.setViewportSize({ width: 1280, height: 800 });
      await locked.getByTestId('lock-screen').waitFor();
      await locked.screenshot({ path: resolve(DOCS, `lock-${lang}.png`) });
      await locked.close();
      console.log(`docs/popup-${lang}.png, docs/library-${lang}.png, docs/lock-${lang}.png`);
    } finally {
      await ext.close();
    }
  }
} finally {
  await server.close();
}
