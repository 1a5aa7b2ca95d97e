/**
 * Everything the content script gathers from a page in one synchronous pass, returned to the
 * background as plain data. Pure: the window comes in as a parameter, so tests pass happy-dom's.
 */
import { extractArticle } from './article';
import { extractMetadata } from './metadata';
import type { PageCapture } from './schema';
import { isOwnUi } from './own-ui';
import { snapshotDocument } from './snapshot';
import { detectLangHint, normalizeLang, visibleText } from './text';

export type { PageCapture } from './schema';
export { decideKind } from './article';

/**
 * Collects the snapshot, article, metadata, text and browsing environment of `win`'s page.
 * The snapshot goes first so it is the closest in time to the screenshot the caller takes.
 * Stages other than the snapshot degrade (null article, partial metadata) instead of throwing;
 * a snapshot failure propagates, because a capture without its HTML must fail loudly.
 */
export function collectPage(win: Window): PageCapture {
  const doc = win.document;
  const perf = win.performance ?? performance;
  const timings: Record<string, number> = {};
  const timed = <T>(stage: string, run: () => T): T => {
    const start = perf.now();
    try {
      return run();
    } finally {
      timings[stage] = Math.round((perf.now() - start) * 10) / 10;
    }
  };
  const snapshot = timed('snapshot', () => snapshotDocument(doc, { isOwnUi }));
  const article = timed('readability', () => extractArticle(doc));
  const metadata = timed('metadata', () => extractMetadata(doc));
  const text = timed('text', () => {
    try {
      return visibleText(doc);
    } catch {
      return '';
    }
  });
  const lang = detectLangHint(doc) ?? metadata.lang ?? normalizeLang(article?.lang);
  return {
    url: win.location.href,
    title: metadata.title || doc.title || article?.title || '',
    snapshot,
    article,
    metadata,
    text,
    ...(lang ? { lang } : {}),
    viewport: { width: win.innerWidth, height: win.innerHeight },
    device_pixel_ratio: win.devicePixelRatio || 1,
    user_agent: win.navigator.userAgent,
    time_zone: timeZone(),
    timings,
  };
}

function timeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
