/**
 * `protokol capture`: headless batch capture. Chromium starts with the built extension on a
 * persistent profile; each URL is opened in a tab and captured by the same message the popup
 * sends (`captureTab`, from an extension page), then one signed pack is exported from the
 * library page. Exit 0 when every URL was captured, 1 when some failed (the pack holds the
 * rest and lists the failures and why), 2 for bad usage or when nothing could run, 3 when
 * --passphrase-file's passphrase does not unlock the profile's store, 130 when interrupted
 * (Ctrl-C; with --passphrase-file what was captured until then is kept).
 *
 * With `--passphrase-file FILE` the store is encrypted and the profile folder keeps nothing but
 * it: the browser runs on a throwaway folder (cli/store-session.ts, cli/private-profile.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { browserPath } from '../browser-session';
import { CAPTURE_USAGE, parseCaptureArgs } from '../capture-args';
import { ensureExtensionBuilt } from '../extension-build';
import { readPassphraseFile } from '../passphrase';
import { isInside } from '../private-profile';
import { createProgress } from '../progress';
import {
  closeCommandSession,
  EXIT_INTERRUPTED,
  openCommandSession,
  type StoreSession,
} from '../store-session';
import type { CliCommand, CliIO } from './types';
import type { CaptureArgs, MediaMode } from '../capture-args';

interface Outcome {
  url: string;
  ok: boolean;
  item_id?: string;
  /** On a Telegram page: the items of its posts, each saved on its own. */
  post_items?: string[];
  /** The page's media saved as items of their own (`--media`). */
  media_items?: string[];
  media?: { recorded: number; poster_only: number; failed: string[]; skipped_small: number };
  reason?: string;
}

type CaptureAnswer = {
  res?:
    | {
        ok: true;
        item_id: string;
        telegram?: { results: Array<{ ok: boolean; item_id?: string }> };
        media?: {
          results: Array<
            | { ok: true; item_id: string; capture_method: string }
            | { ok: false; error: { code: string; params?: Record<string, string> } }
          >;
          skipped_small: number;
          error?: { code: string; params?: Record<string, string> };
        };
      }
    | { ok: false; error: { code: string; params?: Record<string, string> } };
  err?: { message?: string };
};

interface MediaChoice {
  media: MediaMode;
  recordFor: number | 'end';
}

async function captureOne(
  ctx: BrowserContext,
  control: Page,
  url: string,
  caseId: string,
  m: MediaChoice,
): Promise<Outcome> {
  if (!/^https?:\/\//i.test(url)) return { url, ok: false, reason: 'not an http(s) URL' };
  const page = await ctx.newPage();
  try {
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 45_000 });
    } catch (e) {
      return {
        url,
        ok: false,
        reason: `the page did not load: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
      };
    }
    const finalUrl = page.url();
    const tabId = await control.evaluate(
      async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null,
      finalUrl,
    );
    if (tabId === null) return { url, ok: false, reason: 'the tab could not be found' };
    const answer = await control.evaluate(
      ({ tabId, caseId, media, recordFor }): Promise<CaptureAnswer> =>
        chrome.runtime.sendMessage({
          id: Date.now(),
          type: 'captureTab',
          // The tab is closed next: wait for the full-page screenshot, so the pack includes it.
          data: { tabId, caseId, media, recordFor, fullPage: 'wait' },
          timestamp: Date.now(),
        }),
      { tabId, caseId, media: m.media, recordFor: m.recordFor },
    );
    if (answer.res?.ok) {
      const posts = (answer.res.telegram?.results ?? []).flatMap((r) =>
        r.ok && r.item_id ? [r.item_id] : [],
      );
      const media = answer.res.media;
      const results = media?.results ?? [];
      return {
        url,
        ok: true,
        item_id: answer.res.item_id,
        post_items: posts,
        media_items: results.flatMap((r) => (r.ok ? [r.item_id] : [])),
        media: {
          recorded: results.filter((r) => r.ok && r.capture_method === 'recording').length,
          poster_only: results.filter((r) => r.ok && r.capture_method === 'poster_only').length,
          failed: [
            ...results.flatMap((r) =>
              r.ok ? [] : [[r.error.code, ...Object.values(r.error.params ?? {})].join(': ')],
            ),
            ...(media?.error
              ? [[media.error.code, ...Object.values(media.error.params ?? {})].join(': ')]
              : []),
          ],
          skipped_small: media?.skipped_small ?? 0,
        },
      };
    }
    const reason =
      answer.res && !answer.res.ok
        ? [answer.res.error.code, ...Object.values(answer.res.error.params ?? {})].join(': ')
        : (answer.err?.message ?? 'no answer');
    return { url, ok: false, reason };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** One line on the media saved with the pages, and each media that could not be saved. */
function reportMedia(captured: Outcome[], mode: MediaMode, io: CliIO): void {
  const n = captured.reduce((s, o) => s + (o.media_items?.length ?? 0), 0);
  const recorded = captured.reduce((s, o) => s + (o.media?.recorded ?? 0), 0);
  const posterOnly = captured.reduce((s, o) => s + (o.media?.poster_only ?? 0), 0);
  const skipped = captured.reduce((s, o) => s + (o.media?.skipped_small ?? 0), 0);
  const failed = captured.flatMap((o) => (o.media?.failed ?? []).map((f) => `${o.url}: ${f}`));
  const parts = [
    `${n} ${mode === 'all' ? 'videos and images' : 'videos'} saved as items of their own`,
  ];
  if (recorded) parts.push(`${recorded} recorded from playback (streams without a file)`);
  if (posterOnly) parts.push(`${posterOnly} as URL and picture only`);
  if (failed.length) parts.push(`${failed.length} not saved`);
  if (skipped) parts.push(`${skipped} tiny images (icons, trackers) skipped`);
  io.out(`Media: ${parts.join('; ')}.\n`);
  for (const f of failed) io.out(`  ✗ media on ${f}\n`);
}

async function run(args: string[], io: CliIO): Promise<number> {
  const a = parseCaptureArgs(args);
  if ('error' in a) {
    io.err(`protokol capture: ${a.error}\nusage: ${CAPTURE_USAGE}\n`);
    return 2;
  }
  let passphrase: string | undefined;
  if (a.passphraseFile !== undefined) {
    const p = readPassphraseFile(a.passphraseFile);
    if ('error' in p) {
      io.err(`protokol capture: ${p.error}\nusage: ${CAPTURE_USAGE}\n`);
      return 2;
    }
    passphrase = p.passphrase;
    if (isInside(a.out, a.profile)) {
      io.err(
        `protokol capture: --out must be outside the profile folder with --passphrase-file (the pack is not encrypted)\n`,
      );
      return 2;
    }
  }
  const browser = browserPath(a.browser);
  if (!browser) {
    io.err('protokol capture: no Chromium or Chrome found; install one or pass --browser PATH.\n');
    return 2;
  }
  let ext: string;
  try {
    ext = ensureExtensionBuilt((s) => io.err(s));
  } catch (e) {
    io.err(`protokol capture: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let session: StoreSession;
  try {
    const opened = await openCommandSession(
      'capture',
      {
        profile: a.profile,
        ext,
        browser,
        browserArgs: a.browserArgs,
        passphrase,
      },
      io,
    );
    if (typeof opened === 'number') return opened;
    session = opened;
  } catch (e) {
    io.err(
      `protokol capture: the browser did not start: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  return closeCommandSession('capture', session, await captureAll(session, a, io), io);
}

async function captureAll(session: StoreSession, a: CaptureArgs, io: CliIO): Promise<number> {
  const { ctx, control } = session;
  const progress = createProgress(a.urls.length, io);
  const outcomes: Outcome[] = [];
  try {
    const caseTitle = a.caseName ?? `Batch capture ${new Date().toISOString().slice(0, 19)}Z`;
    const caseId = await control.evaluate(
      (t) =>
        (
          globalThis as unknown as {
            protokolAutomation: { ensureCase(t: string): Promise<string> };
          }
        ).protokolAutomation.ensureCase(t),
      caseTitle,
    );
    for (const url of a.urls) {
      if (session.interrupted()) break;
      progress.start(url);
      const o = await captureOne(ctx, control, url, caseId, a);
      outcomes.push(o);
      progress.done(o.ok, o.reason);
    }
    progress.end();
    if (session.interrupted()) return EXIT_INTERRUPTED;
    const captured = outcomes.filter((o) => o.ok);
    const failed = outcomes.filter((o) => !o.ok);
    if (captured.length === 0) {
      io.err(`Nothing was captured (${failed.length} failed); no pack was written.\n`);
      for (const f of failed) io.err(`  ✗ ${f.url}: ${f.reason}\n`);
      return 1;
    }
    const out = resolve(a.out);
    mkdirSync(dirname(out), { recursive: true });
    const downloadP = control.waitForEvent('download', { timeout: 600_000 });
    const exported = control.evaluate(
      (sel) =>
        (
          globalThis as unknown as {
            protokolAutomation: {
              exportPack(s: unknown): Promise<{ fileName: string; size: number; pack_id: string }>;
            };
          }
        ).protokolAutomation.exportPack(sel),
      {
        itemIds: captured.flatMap((o) => [
          o.item_id!,
          ...(o.post_items ?? []),
          ...(o.media_items ?? []),
        ]),
        caseId,
        notCaptured: failed.map((f) => ({ url: f.url, reason: f.reason ?? 'unknown' })),
      },
    );
    const [download, info] = await Promise.all([downloadP, exported]);
    await download.saveAs(out);
    io.out(`\nCaptured ${captured.length} of ${a.urls.length} URLs into case "${caseTitle}".\n`);
    const posts = captured.reduce((n, o) => n + (o.post_items?.length ?? 0), 0);
    if (posts) io.out(`Telegram posts saved as items of their own: ${posts}.\n`);
    if (a.media !== 'none') reportMedia(captured, a.media, io);
    for (const f of failed) io.out(`  ✗ ${f.url}: ${f.reason}\n`);
    io.out(`Pack: ${out} (${info.size} bytes, pack id ${info.pack_id})\nProfile: ${a.profile}\n`);
    return failed.length ? 1 : 0;
  } catch (e) {
    if (session.interrupted()) return EXIT_INTERRUPTED;
    io.err(`protokol capture: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

export const captureCommand: CliCommand = {
  name: 'capture',
  summary: 'capture URLs headless with the extension and export one signed pack',
  usage: CAPTURE_USAGE,
  run,
};
