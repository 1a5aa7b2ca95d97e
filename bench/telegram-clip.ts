/**
 * bench/telegram-clip: clip time per Telegram post in headless Chromium with the built extension,
 * on the local t.me/s and web.telegram.org/k/ test pages (e2e/pages/telegram/):
 *  - one post through its Clip control (a click, as a user does, until the item is in the store),
 *  - "all posts in view" from the popup (wall time of the batch divided by its posts).
 * Run: npm run bench:telegram-clip   (env BENCH_ROUNDS=n, default 4; needs `npm run build:e2e`)
 */
import type { Page, Worker } from 'playwright-core';
import { launch, openPage, openPopupFor } from '../e2e/browser';
import { startServer } from '../e2e/server';
import { median, p95 } from './stats';

const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const server = await startServer();
const ext = await launch();

async function countItems(sw: Worker): Promise<number> {
  return sw.evaluate(
    () =>
      new Promise<number>((res, rej) => {
        const r = indexedDB.open('protokol');
        r.onerror = () => rej(new Error('open failed'));
        r.onsuccess = () => {
          const c = r.result.transaction('items', 'readonly').objectStore('items').count();
          c.onsuccess = () => {
            r.result.close();
            res(c.result);
          };
        };
      }),
  );
}

async function clickClip(page: Page, el: ReturnType<Page['locator']>): Promise<void> {
  await el.scrollIntoViewIfNeeded();
  const r = await el.evaluate((e) => {
    const b = e.getBoundingClientRect();
    return { right: b.right, top: b.top, iw: innerWidth };
  });
  const x = r.right + 6 + 90 <= r.iw ? r.right + 18 : r.right - 84;
  await page.waitForTimeout(100);
  await page.mouse.click(x, Math.max(r.top, 0) + 12);
}

const single: number[] = [];
const batch: number[] = [];
const pages = [
  { file: 'telegram/channel.html', posts: '[data-post]' },
  { file: 'telegram/webk.html', posts: '.bubble[data-mid]' },
];
for (let round = 0; round < rounds; round++) {
  for (const p of pages) {
    const { page, tabId } = await openPage(ext, server.url(p.file));
    const sw = await ext.worker();
    const n = await page.locator(p.posts).count();
    for (let i = 0; i < n; i++) {
      const before = await countItems(sw);
      const t0 = performance.now();
      await clickClip(page, page.locator(p.posts).nth(i));
      const tClick = performance.now();
      while ((await countItems(sw)) === before) {
        if (performance.now() - t0 > 30_000) throw new Error(`post ${i} of ${p.file} not saved`);
        await new Promise((r) => setTimeout(r, 10));
      }
      // From the click (not the scroll before it) to the item in the store.
      single.push(performance.now() - tClick);
    }
    await page.evaluate(() => scrollTo(0, 0));
    const popup = await openPopupFor(ext, tabId);
    await popup.getByTestId('telegram-panel').waitFor();
    const t0 = performance.now();
    await popup.getByTestId('tg-clip-in-view').click();
    const status = popup.getByTestId('tg-status');
    await status.and(popup.locator('[data-state="ok"], [data-state="error"]')).waitFor();
    const saved = Number(await status.getAttribute('data-saved'));
    if (saved > 0) batch.push((performance.now() - t0) / saved);
    await popup.close();
    await page.close();
  }
}
await ext.close();
await server.close();

const f = (x: number) => `${Math.round(x)} ms`;
console.log(
  `Telegram clip time per post (${rounds} rounds, t.me/s and web.telegram.org/k/ test pages)`,
);
console.log(
  `  Clip control, one post:  n=${single.length}  median ${f(median(single))}  p95 ${f(p95(single))}`,
);
console.log(
  `  popup, all in view:      n=${batch.length} batches  median ${f(median(batch))}/post  p95 ${f(p95(batch))}/post`,
);
