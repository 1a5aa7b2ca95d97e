/**
 * The page side of detection: read the visible text in idle slices (so no long task runs on the
 * page's main thread), hand it to the background, which runs `detect()`, and answer the
 * background's requests: highlight the passages, give the text back for learning.
 * Listens only to the extension's runtime messages, never to the page (`window.postMessage`).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { onMessage, sendMessage } from '@/lib/messaging';
import {
  createTextWalk,
  DEFAULT_MAX_CHARS,
  rangeFor,
  type TextMap,
} from '@/utils/detect/highlight-map';
import type { HighlightAnswer, HighlightRequest } from '@/utils/detect/messages';
import { createOverlay } from './overlay';

/** Longest slice of work per idle callback (ms); well under the 50 ms of a long task. */
const SLICE_MS = 8;

/**
 * e2e builds mark the scan on the page's performance timeline so the test can tell its window;
 * release builds leave no mark a page could read.
 */
const mark = (name: string) => {
  if (import.meta.env.MODE === 'e2e') performance.mark(`protokol-detect-${name}`);
};

export async function startDetector(ctx: ContentScriptContext): Promise<void> {
  // The switches are in the store, which a content script never opens: the background answers
  // for this page (the sender's URL), and says no while it cannot read them (store locked).
  if (!(await sendMessage('detectionWanted', undefined).catch(() => false))) return;
  mark('start');
  const read = await readPageText(ctx);
  if (!read || ctx.isInvalid) return;
  const { map, ms } = read;

  const fromExtension = (sender: { id?: string; tab?: unknown }) =>
    sender.id === browser.runtime.id && !sender.tab;
  const overlay = createOverlay(ctx);
  onMessage('highlightPassages', ({ data, sender }): HighlightAnswer => {
    if (!fromExtension(sender)) throw new Error('forbidden');
    const req = parseHighlight(data);
    if (!req.show) {
      overlay.hide();
      return { shown: false, passages: 0, boxes: 0 };
    }
    const ranges = req.passages
      .map((p) => rangeFor(map, p.start, p.end))
      .filter((r): r is Range => r !== null);
    const boxes = ranges.length ? overlay.show(ranges) : 0;
    if (!boxes) overlay.hide();
    ranges[0]?.startContainer.parentElement?.scrollIntoView({
      block: 'center',
      behavior: 'smooth',
    });
    return { shown: boxes > 0, passages: ranges.length, boxes };
  });
  onMessage('pageText', ({ sender }) => {
    if (!fromExtension(sender)) throw new Error('forbidden');
    return { text: map.text };
  });
  ctx.onInvalidated(() => {
    // A reloaded extension's new content script takes over; this one stops answering.
    overlay.hide();
  });

  await sendMessage('detectPage', { text: map.text, truncated: map.truncated, extract_ms: ms });
  mark('end');
}

/** Read the page's visible text in idle slices of at most SLICE_MS; `ms` is the time spent in them. */
function readPageText(ctx: ContentScriptContext): Promise<{ map: TextMap; ms: number } | null> {
  let spent = 0;
  const root = document.body ?? document.documentElement;
  const walk = createTextWalk(root, {
    maxChars: DEFAULT_MAX_CHARS,
    isHidden: (el) => {
      const s = getComputedStyle(el);
      return s.display === 'none' || s.visibility === 'hidden';
    },
  });
  return new Promise((resolve) => {
    const slice = (deadline: IdleDeadline) => {
      if (ctx.isInvalid) return resolve(null);
      const t0 = performance.now();
      const budget = Math.max(2, Math.min(SLICE_MS, deadline.timeRemaining()));
      const done = walk.step(() => performance.now() - t0 > budget);
      spent += performance.now() - t0;
      if (done) resolve({ map: walk.result(), ms: spent });
      else ctx.requestIdleCallback(slice, { timeout: 1000 });
    };
    ctx.requestIdleCallback(slice, { timeout: 2000 });
  });
}

/** The background's highlight request, checked by hand (no zod in a script that runs on every page). */
function parseHighlight(data: unknown): HighlightRequest {
  const o = (typeof data === 'object' && data !== null ? data : {}) as Partial<HighlightRequest>;
  const ok = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  const passages = Array.isArray(o.passages)
    ? o.passages.slice(0, 64).filter((p) => ok(p?.start) && ok(p?.end))
    : [];
  return { show: o.show === true, passages };
}
