/**
 * Turn what the page, the screenshot and the re-fetch gave into one item to store:
 * the artifacts, the Berkeley Protocol metadata and the alterations the capture caused.
 * Pure: the background gathers the inputs; this decides what is kept and how it is named.
 */
import type { PageCapture } from '../page/collect';
import { decideKind } from '../page/collect';
import type { NewArtifact, NewCapture } from '../store';
import type { Detection, Environment } from '../schemas';
import { detect, type LocalModel } from '../detect';

/** What the extension's second fetch of the URL gave (see entrypoints/background/served.ts). */

/**
 * The environment item.json records for every kind of capture: what the page reported (user
 * agent, time zone, viewport) plus the extension's version, the browser and the clock used.
 */
export function captureEnvironment(
  page: Omit<Environment, 'extension_version' | 'browser' | 'clock'>,
  i: { extensionVersion: string; browserName: string },
): Environment {
  return {
    ...page,
    extension_version: i.extensionVersion,
    browser: i.browserName,
    clock: 'system clock of the capturing computer, recorded in UTC',
  };
}

export interface ServedInput {
  bytes: Uint8Array;
  status: number;
  status_text: string;
  final_url: string;
  redirected: boolean;
  headers: Array<[string, string]>;
  fetched_at: string;
  cache_mode: string;
  /** 'omit': fetched without cookies (a page in a private window). */
  credentials?: 'omit';
  truncated: boolean;
}

export interface BuildInput {
  page: PageCapture;
  screenshotPng: Uint8Array;
  served: ServedInput | { error: string };
  requestedUrl?: string;
  caseId: string | null;
  extensionVersion: string;
  browserName: string;
  capturedAt: string;
  /** Notes the caller adds to the alterations (a Telegram page of unknown layout). */
  extraAlterations?: string[];
  /** Detection at capture: the profile's learned model; null or absent when detection is off. */
  detection?: { model: LocalModel } | null;
  /** Artifacts made after the page was read (MHTML, full-page screenshot), stored as given. */
  extraArtifacts?: NewArtifact[];
  /** Fields the caller adds to capture.json (how those extra artifacts were made). */
  recordExtra?: Record<string, unknown>;
}

export const CAPTURE_RECORD_SCHEMA = 'protokol-capture-record/1';

const enc = new TextEncoder();

export function buildPageCapture(i: BuildInput): Omit<NewCapture, 'job_id'> {
  const { page } = i;
  const kind = decideKind(page);
  const article = kind === 'article' ? page.article : null;
  const artifacts: NewArtifact[] = [
    {
      role: 'html_snapshot',
      name: 'page.html',
      media_type: 'text/html; charset=utf-8',
      bytes: enc.encode(page.snapshot.html),
    },
    { role: 'screenshot', name: 'screenshot.png', media_type: 'image/png', bytes: i.screenshotPng },
  ];
  const alterations = [
    ...page.snapshot.alterations,
    'the screenshot shows the visible part of the page (the viewport) only',
  ];
  alterations.push(...(i.extraAlterations ?? []));
  if ('bytes' in i.served) {
    const type = headerValue(i.served.headers, 'content-type') ?? 'application/octet-stream';
    artifacts.push({
      role: 'html_served',
      name: servedName(type),
      media_type: type,
      bytes: i.served.bytes,
    });
    alterations.push(
      `the HTML as served was fetched again by the extension at ${i.served.fetched_at} ${
        i.served.credentials === 'omit'
          ? 'without cookies (the page was open in a private window, whose cookies the extension cannot send; a logged-in page may come back as seen logged out)'
          : "with the user's cookies"
      } (cache mode "${i.served.cache_mode}"); the server may answer a second request differently`,
    );
    if (i.served.truncated) alterations.push('the HTML as served was cut at the size limit');
  } else {
    alterations.push(`the HTML as served could not be fetched again: ${i.served.error}`);
  }
  if (article) {
    artifacts.push(
      {
        role: 'article_text',
        name: 'article.txt',
        media_type: 'text/plain; charset=utf-8',
        bytes: enc.encode(article.text),
      },
      {
        role: 'article_html',
        name: 'article.html',
        media_type: 'text/html; charset=utf-8',
        bytes: enc.encode(articleDocument(article.title, page.lang, article.content_html)),
      },
    );
    alterations.push(
      'the article text and cleaned article HTML were extracted with Mozilla Readability',
    );
  }

  artifacts.push(...(i.extraArtifacts ?? []));

  const md = page.metadata;
  const environment = captureEnvironment(
    {
      user_agent: page.user_agent,
      time_zone: page.time_zone,
      viewport: page.viewport,
      device_pixel_ratio: page.device_pixel_ratio,
    },
    i,
  );
  const source: Record<string, unknown> = clean({
    site_name: md.site_name ?? article?.site_name,
    byline: md.byline ?? article?.byline,
    published_at: md.published_at ?? article?.published_time,
    published_at_raw: (md as { published_at_raw?: string }).published_at_raw,
    modified_at: md.modified_at,
    lang: page.lang ?? md.lang ?? article?.lang,
    excerpt: article?.excerpt ?? md.description,
    canonical_url: md.canonical_url,
  });
  const requested = i.requestedUrl && i.requestedUrl !== page.url ? i.requestedUrl : undefined;
  const title = (article?.title || md.title || page.title || page.url).trim();
  const record = {
    schema: CAPTURE_RECORD_SCHEMA,
    kind,
    url: page.url,
    requested_url: requested ?? null,
    title,
    captured_at: i.capturedAt,
    metadata: md,
    served:
      'bytes' in i.served
        ? { ...i.served, bytes: undefined, size: i.served.bytes.byteLength }
        : { error: i.served.error },
    environment,
    ...i.recordExtra,
    alterations,
  };
  artifacts.push({
    role: 'metadata',
    name: 'capture.json',
    media_type: 'application/json',
    bytes: enc.encode(JSON.stringify(record, null, 2) + '\n'),
  });
  const text = article?.text ?? page.text;
  return {
    kind,
    url: page.url,
    requested_url: requested,
    title,
    captured_at: i.capturedAt,
    case_id: i.caseId,
    source,
    environment,
    alterations,
    text,
    content_text: text,
    detection: i.detection ? storedDetection(text, i.detection.model) : null,
    artifacts,
  };
}

/**
 * What an item keeps of a detection result: score, categories and entities (utils/schemas.ts
 * `Detection`). Exported for other capture kinds (Telegram posts) to store the same thing.
 */
export function storedDetection(text: string, model: LocalModel): Detection {
  const r = detect(text, { model });
  return {
    score: r.score,
    categories: r.categories.map((c) => ({ id: c.id, score: c.score })),
    entities: r.entities.map((x) => ({
      type: x.type,
      text: x.text,
      value: x.value,
      start: x.start,
      end: x.end,
    })),
  };
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

function servedName(contentType: string): string {
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'served.html';
  if (t === 'application/pdf') return 'served.pdf';
  if (t.startsWith('text/')) return 'served.txt';
  return 'served.bin';
}

function articleDocument(title: string, lang: string | undefined, body: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>\n<html${lang ? ` lang="${esc(lang)}"` : ''}><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>${body}</body></html>\n`;
}

function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}
