/**
 * "Re-check on t.me" in the library, in real Chromium with the built extension: a post clipped
 * from a t.me/s page is re-checked from its item view. t.me is not reachable in tests, so the
 * first re-check records 'unreachable'; then the worker's fetch answers t.me URLs with a saved
 * embed page (a "Post not found" page, then the post with other text), which the background
 * hands to the library page to parse: 'deleted', then 'edited', each with its embed kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openExtensionPage, openPage, type Extension } from './browser';
import { startServer, type TestServer } from './server';
import { dumpStore } from './store-reader';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

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

async function clickClip(page: Page, selector: string): Promise<void> {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  const r = await el.evaluate((e) => {
    const b = e.getBoundingClientRect();
    return { right: b.right, top: b.top, iw: innerWidth };
  });
  const x = r.right + 6 + 90 <= r.iw ? r.right + 6 + 12 : r.right - 90 - 6 + 12;
  await page.waitForTimeout(150);
  await page.mouse.click(x, Math.max(r.top, 0) + 4 + 8);
}

/** Make the worker's fetch answer https://t.me/ with this HTML (other URLs go through). */
async function serveTme(html: string): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate((body) => {
    const g = globalThis as unknown as { __realFetch?: typeof fetch; fetch: typeof fetch };
    g.__realFetch ??= g.fetch;
    const real = g.__realFetch;
    g.fetch = (input, init) =>
      String(input instanceof Request ? input.url : input).startsWith('https://t.me/')
        ? Promise.resolve(
            new Response(body, {
              status: 200,
              headers: { 'content-type': 'text/html; charset=utf-8' },
            }),
          )
        : real(input, init);
  }, html);
}

const embed = readFileSync(
  join(
    import.meta.dirname,
    '..',
    '..',
    'shared',
    'data',
    'telegram',
    'tme_post_embed_widget_K1inUSA.html',
  ),
  'utf8',
).replaceAll('K1inUSA/3', 'oblava_monitor_demo/301');
const gone =
  '<!DOCTYPE html><html><body><div class="tgme_widget_message js-widget_message" data-post="oblava_monitor_demo/301">' +
  '<div class="tgme_widget_message_error">Post not found</div></div></body></html>';

describe('re-check a saved post on t.me from the library', () => {
  it('records unreachable, deleted and edited as rechecked events, keeping each embed read', async () => {
    const { page } = await openPage(ext, server.url('telegram/channel.html'));
    await clickClip(page, '[data-post="oblava_monitor_demo/301"]');
    let itemId = '';
    for (let i = 0; i < 150 && !itemId; i++) {
      const d = await dumpStore(await ext.worker());
      itemId = d.items.find((x) => x.kind === 'telegram_post')?.id ?? '';
      if (!itemId) await page.waitForTimeout(200);
    }
    expect(itemId).not.toBe('');
    await page.close();

    const lib = await openExtensionPage(ext, 'library.html');
    await lib.getByTestId('item-row').first().click();
    const box = lib.getByTestId('telegram-recheck');
    await box.waitFor();
    // The request is explained before anything is sent; nothing was sent yet.
    expect(await box.innerText()).toContain('https://t.me/oblava_monitor_demo/301?embed=1');
    expect(await box.innerText()).toMatch(/IP/);
    const last = lib.getByTestId('telegram-recheck-last');
    expect(await last.getAttribute('data-result')).toBe('none');

    const press = async (result: string) => {
      await lib.getByTestId('telegram-recheck-button').click();
      await lib
        .locator(`[data-testid="telegram-recheck-last"][data-result="${result}"]`)
        .waitFor({ timeout: 30_000 });
    };
    await press('unreachable');
    await serveTme(gone);
    await press('deleted');
    await serveTme(embed);
    await press('edited');
    expect(await last.innerText()).toContain('embed-recheck-2.html');

    const d = await dumpStore(await ext.worker(), { withBytes: true });
    const item = d.items.find((x) => x.id === itemId)!;
    const events = d.custody
      .filter((c) => c.item_id === itemId)
      .sort((a, b) => a.seq - b.seq)
      .map(
        (c) =>
          JSON.parse(c.line) as {
            action: string;
            prev: string;
            data: { result?: string; artifacts: Array<{ path: string; sha256: string }> };
          },
      );
    expect(events.map((e) => [e.action, e.data.result])).toEqual([
      ['captured', undefined],
      ['rechecked', 'unreachable'],
      ['rechecked', 'deleted'],
      ['rechecked', 'edited'],
    ]);
    expect(events[1]!.data.artifacts).toEqual([]);
    for (const [n, body] of [
      [1, gone],
      [2, embed],
    ] as const) {
      const a = item.artifacts.find((x) => x.path.endsWith(`/embed-recheck-${n}.html`))!;
      expect(a.role).toBe('html_served');
      expect(Buffer.from(d.bytes[a.artifact_id] ?? '', 'base64').toString('utf8')).toBe(body);
      expect(a.sha256).toBe(sha(body));
      expect(events[n + 1]!.data.artifacts).toEqual([
        expect.objectContaining({ path: a.path, sha256: a.sha256 }),
      ]);
    }
    await lib.close();
  });
});
