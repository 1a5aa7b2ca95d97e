/**
 * Turn one clipped Telegram post (what the parser read, the element screenshot and the media
 * bytes the background fetched) into one item of kind `telegram_post`. Pure: the background
 * gathers the inputs; this decides the artifacts, the `source` fields and the alterations.
 */
import type { NewArtifact, NewCapture } from '../store';
import type { Environment } from '../schemas';
import type { LocalModel } from '../detect';
import type { TelegramPost } from '../telegram';
import { CAPTURE_RECORD_SCHEMA, captureEnvironment, storedDetection } from './build';
import { secondPathNote, type SecondPathResult } from './telegram-second-path';

/** What fetching one media URL (or a video's poster) gave: exact bytes, or why not. */
export type FetchedFile =
  | {
      ok: true;
      url: string;
      bytes: Uint8Array;
      /** HTTP status; absent when the bytes were not fetched over HTTP (a page's blob: URL). */
      status?: number;
      headers: Array<[string, string]>;
      fetched_at: string;
      /** How the bytes were obtained when not by the background's own fetch. */
      via?: string;
    }
  | { ok: false; url: string; error: string; status?: number; fetched_at: string };

/** One medium of the post with what was fetched for it (nothing for a video's own bytes yet). */
export interface MediaInput {
  media: TelegramPost['media'][number];
  /** The photo's bytes (photos only). */
  file?: FetchedFile;
  /** The poster image (videos). */
  poster?: FetchedFile;
}

export interface TelegramBuildInput {
  post: TelegramPost;
  /** URL of the page the post was clipped from (the tab's URL, as the browser reports it). */
  pageUrl: string;
  pageTitle?: string;
  /** The element screenshot (PNG), cropped from the viewport. */
  screenshotPng: Uint8Array;
  /** What the screenshot shows and how it was made, for the record. */
  screenshotNotes: string[];
  media: MediaInput[];
  environment: Omit<Environment, 'extension_version' | 'browser' | 'clock'>;
  caseId: string | null;
  extensionVersion: string;
  browserName: string;
  capturedAt: string;
  /** How the clip was started: the post's Clip control, the popup's batch, or "Clip this page". */
  trigger: 'post_control' | 'popup_in_view' | 'popup_range' | 'page_capture';
  /** Detection at capture over the post's text: the profile's learned model; null when off. */
  detection?: { model: LocalModel } | null;
  /** The opt-in second-path check (web-client posts): the public embed as fetched, and the comparison. */
  secondPath?: { result: SecondPathResult; html?: { bytes: Uint8Array; media_type: string } };
}

/** Said in the item of every post with a video, until the media capture path exists. */
export const VIDEO_NOT_CAPTURED =
  'video bytes not captured: the media capture path has not landed; the video URL and its poster image are recorded';

const enc = new TextEncoder();

export function buildTelegramCapture(i: TelegramBuildInput): Omit<NewCapture, 'job_id'> {
  const { post } = i;
  const title = postTitle(post);
  const artifacts: NewArtifact[] = [
    {
      role: 'html_snapshot',
      name: 'post.html',
      media_type: 'text/html; charset=utf-8',
      bytes: enc.encode(postDocument(title, post)),
    },
  ];
  const alterations: string[] = [
    `the post was read from the page's DOM (layout "${post.adapter}"); post.html holds its text HTML with scripts, event handlers and script URLs removed, in a minimal document`,
    ...i.screenshotNotes,
  ];
  if (post.text.trim() !== '') {
    artifacts.push({
      role: 'article_text',
      name: 'post.txt',
      media_type: 'text/plain; charset=utf-8',
      bytes: enc.encode(post.text),
    });
  } else {
    alterations.push('the post has no text: no post.txt was written');
  }
  artifacts.push({
    role: 'screenshot',
    name: 'screenshot.png',
    media_type: 'image/png',
    bytes: i.screenshotPng,
  });

  const mediaRecords: Array<Record<string, unknown>> = [];
  let n = 0;
  let videos = 0;
  i.media.forEach((m, index) => {
    const rec: Record<string, unknown> = { index, ...m.media };
    if (m.file) {
      if (m.file.ok) {
        n++;
        const type = headerValue(m.file.headers, 'content-type') ?? 'application/octet-stream';
        const name = `media-${n}.${extensionOf(type, m.file.url)}`;
        artifacts.push({ role: 'media', name, media_type: type, bytes: m.file.bytes });
        rec.file = fileRecord(m.file, name);
      } else {
        rec.file = fileRecord(m.file);
        alterations.push(
          `media ${index + 1} (${m.media.type}) could not be fetched from ${m.file.url}: ${m.file.error}`,
        );
      }
    } else if (m.media.type === 'photo') {
      rec.file = { error: m.media.url ? 'not fetched' : 'the page gives no URL for this photo' };
      alterations.push(
        `media ${index + 1} (photo): ${m.media.url ? `not fetched (${m.media.url})` : 'the page gives no URL for it'}`,
      );
    }
    if (m.media.type === 'video' || m.media.type === 'round_video') videos++;
    if (m.poster) {
      if (m.poster.ok) {
        const type = headerValue(m.poster.headers, 'content-type') ?? 'application/octet-stream';
        const name = `poster-${index + 1}.${extensionOf(type, m.poster.url)}`;
        artifacts.push({ role: 'thumbnail', name, media_type: type, bytes: m.poster.bytes });
        rec.poster = fileRecord(m.poster, name);
      } else {
        rec.poster = fileRecord(m.poster);
        alterations.push(
          `the poster of media ${index + 1} could not be fetched from ${m.poster.url}: ${m.poster.error}`,
        );
      }
    }
    mediaRecords.push(rec);
  });
  if (videos > 0) alterations.push(VIDEO_NOT_CAPTURED);
  if (i.secondPath) {
    if (i.secondPath.html) {
      artifacts.push({
        role: 'html_served',
        name: 'embed.html',
        media_type: i.secondPath.html.media_type,
        bytes: i.secondPath.html.bytes,
      });
    }
    alterations.push(secondPathNote(i.secondPath.result));
  }

  const source: Record<string, unknown> = {
    channel: post.channel,
    channel_title: post.channel_title ?? null,
    post_id: post.post_id,
    permalink: post.permalink,
    published_at: post.published_at ?? null,
    author: post.author ?? null,
    views: post.views ?? null,
    forwarded_from: post.forwarded_from ?? null,
    reply_to: post.reply_to ?? null,
  };
  const environment = captureEnvironment(i.environment, i);
  const record = {
    schema: CAPTURE_RECORD_SCHEMA,
    kind: 'telegram_post',
    url: i.pageUrl,
    page_title: i.pageTitle ?? null,
    title,
    captured_at: i.capturedAt,
    trigger: i.trigger,
    source,
    // Everything the parser read, including how each fact was read (published_at_raw, basis).
    post: { ...post, text_html: undefined, text: undefined, media: undefined },
    media: mediaRecords,
    second_path: i.secondPath?.result ?? null,
    environment,
    alterations,
  };
  artifacts.push({
    role: 'metadata',
    name: 'capture.json',
    media_type: 'application/json',
    bytes: enc.encode(JSON.stringify(record, null, 2) + '\n'),
  });
  return {
    kind: 'telegram_post',
    url: i.pageUrl,
    title,
    captured_at: i.capturedAt,
    case_id: i.caseId,
    source,
    environment,
    alterations,
    text: post.text,
    // Channel and post id are part of what was observed: the same words in another post differ.
    content_text: `${post.permalink}\n${post.text}`,
    detection: i.detection ? storedDetection(post.text, i.detection.model) : null,
    artifacts,
  };
}

/** "Channel title · 301: first words of the post". */
export function postTitle(post: TelegramPost): string {
  const who = post.channel_title ?? `@${post.channel}`;
  const first =
    post.text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const words = first.length > 90 ? `${first.slice(0, 89)}…` : first;
  return words ? `${who} · ${post.post_id}: ${words}` : `${who} · ${post.post_id}`;
}

function postDocument(title: string, post: TelegramPost): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<link rel="canonical" href="${esc(post.permalink)}"></head>` +
    `<body><article data-post="${esc(`${post.channel}/${post.post_id}`)}">${post.text_html}</article></body></html>\n`
  );
}

function fileRecord(f: FetchedFile, name?: string): Record<string, unknown> {
  if (f.ok) {
    return {
      name,
      url: f.url,
      status: f.status ?? null,
      via: f.via,
      headers: f.headers,
      fetched_at: f.fetched_at,
      size: f.bytes.byteLength,
    };
  }
  return { url: f.url, error: f.error, status: f.status ?? null, fetched_at: f.fetched_at };
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

/** File extension from the content type, else from the URL's path, else `bin`. */
export function extensionOf(contentType: string, url: string): string {
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  if (EXT[t]) return EXT[t];
  let path = '';
  try {
    path = new URL(url).pathname;
  } catch {
    path = '';
  }
  const m = /\.([a-z0-9]{2,5})$/i.exec(path);
  return m?.[1]?.toLowerCase() ?? 'bin';
}

const TELEGRAM_HOSTS = /^(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog|web\.telegram\.org)$/i;

/**
 * For "Clip this page" on a Telegram host whose layout no adapter recognised: why the page is
 * kept as a generic page capture rather than as posts (written into the item's alterations).
 * Empty for any other page.
 */
export function telegramFallbackNotes(url: string, recognised: boolean): string[] {
  if (recognised) return [];
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    return [];
  }
  if (!TELEGRAM_HOSTS.test(host)) return [];
  return [
    `the page is on ${host}, but its layout is not one the Telegram adapters know (t.me/s, t.me post and embed, web.telegram.org /k/ and /a/): it was captured as a generic page, not post by post, so channel, post ids, dates and views were not read as facts`,
  ];
}
