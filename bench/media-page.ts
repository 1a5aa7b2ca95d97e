/**
 * Media on a page, in headless Chromium with the e2e build: the time from asking to the list of
 * a page of 500 images (the background injects the finder and the page is read), and the time
 * to save one video (a 6 s WebM made in the browser: download into the store, thumbnails drawn
 * from the staged file, the item saved), each over several runs.
 *
 *   npm run bench:media-page
 */
import type { Page } from 'playwright-core';
import { launch, openExtensionPage, openPage } from '../e2e/browser';
import { makeFixtures } from '../e2e/media-fixtures';
import { CDN_HOST, MEDIA_HOST, startMediaServer } from '../e2e/media-pages-server';
import { execFileSync } from 'node:child_process';
import { median, p95, treePss } from './stats';

const RUNS = Number(process.env.MEDIA_PAGE_RUNS ?? 7);

/** A privileged message as the popup sends it (the extension's own page). */
function send<T>(page: Page, type: string, data: unknown): Promise<T> {
  return page.evaluate(
    async ({ type, data }) => {
      const a = (await chrome.runtime.sendMessage({
        id: Date.now(),
        type,
        data,
        timestamp: Date.now(),
      })) as {
        res?: unknown;
        err?: { message?: string };
      };
      if (a.err) throw new Error(a.err.message ?? 'error');
      return a.res;
    },
    { type, data },
  ) as Promise<T>;
}

async function main(): Promise<void> {
  const server = await startMediaServer();
  const ext = await launch({ mapHosts: [MEDIA_HOST, CDN_HOST] });
  try {
    // tsx (esbuild, keepNames) wraps named functions inside evaluated code in `__name(...)`,
    // which the page does not have: give it one.
    await ext.ctx.addInitScript('globalThis.__name = (f) => f');
    const { page: blank } = await openPage(ext, `${server.origin}/images.html`);
    const fx = await makeFixtures(blank, 6);
    await blank.close();
    server.files.set('/clip.webm', { body: fx.webm, type: 'video/webm' });
    for (const [n, b] of Object.entries(fx.pngs))
      server.files.set(`/${n}`, { body: b, type: 'image/png' });
    const control = await openExtensionPage(ext, 'popup.html');

    const find: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { page, tabId } = await openPage(ext, `${server.origin}/many-images.html`);
      await page.waitForFunction('[...document.images].every((i) => i.complete)');
      const t0 = performance.now();
      const found = await send<{ items: unknown[] }>(control, 'findMedia', { tabId });
      find.push(performance.now() - t0);
      if (found.items.length !== 500) throw new Error(`listed ${found.items.length} of 500 images`);
      await page.close();
    }

    const save: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { page, tabId } = await openPage(ext, `${server.origin}/video-src.html`);
      const found = await send<{ items: Array<{ ref: string; kind: string }> }>(
        control,
        'findMedia',
        { tabId },
      );
      const ref = found.items.find((m) => m.kind === 'video')!.ref;
      const t0 = performance.now();
      const res = await send<{ results: Array<{ ok: boolean }> }>(control, 'saveMedia', {
        tabId,
        refs: [ref],
      });
      save.push(performance.now() - t0);
      if (!res.results[0]?.ok) throw new Error(`the video was not saved: ${JSON.stringify(res)}`);
      await page.close();
    }
    // The blob: path: a file the page holds, read in the page and streamed over the Port.
    const mb = Number(process.env.MEDIA_PAGE_BLOB_MB ?? 200);
    const pid = Number(execFileSync('pgrep', ['-o', '-f', ext.profile]).toString().trim());
    const { page: big, tabId: bigTab } = await openPage(
      ext,
      `${server.origin}/video-bigblob.html?mb=${mb}`,
    );
    await big.locator('body[data-ready="1"]').waitFor({ timeout: 120_000 });
    const bigFound = await send<{ items: Array<{ ref: string; kind: string }> }>(
      control,
      'findMedia',
      { tabId: bigTab },
    );
    const pssBefore = await treePss(pid);
    let pssPeak = pssBefore;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        pssPeak = Math.max(pssPeak, await treePss(pid));
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const tb = performance.now();
    const bigRes = await send<{ results: Array<{ ok: boolean }> }>(control, 'saveMedia', {
      tabId: bigTab,
      refs: [bigFound.items[0]!.ref],
    });
    const blobMs = performance.now() - tb;
    sampling = false;
    await sampler;
    if (!bigRes.results[0]?.ok)
      throw new Error(`the blob was not saved: ${JSON.stringify(bigRes)}`);
    await big.close();

    const f = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, p95 ${p95(xs).toFixed(0)} ms`;
    console.log(
      `media list of a 500-image page (inject + find + answer), ${RUNS} runs: ${f(find)}`,
    );
    console.log(
      `save one ${(fx.webm.length / 1024).toFixed(0)} KB, ${fx.seconds} s WebM video (download + 6 thumbnails + item), ${RUNS} runs: ${f(save)}`,
    );
    console.log(
      `blob: URL of ${mb} MiB read in the page and streamed over the Port into the store: ${(blobMs / 1000).toFixed(1)} s, ${(mb / (blobMs / 1000)).toFixed(0)} MiB/s; ` +
        `browser PSS ${(pssBefore / 2 ** 20).toFixed(0)} MiB before (the page holds the file), peak ${(pssPeak / 2 ** 20).toFixed(0)} MiB during (+${((pssPeak - pssBefore) / 2 ** 20).toFixed(0)} MiB)`,
    );
  } finally {
    await ext.close();
    await server.close();
  }
}

void main();
