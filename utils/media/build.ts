/**
 * Turn what the media capture gathered into one `video` or `image` item to store: the source
 * fields of the pack format, the collection record (`capture.json`, with the response headers
 * as received), and, in plain words, what the capture method means for the evidence.
 * Pure: the background gathers the inputs (entrypoints/background/media.ts).
 */
import type { NewArtifact, NewCapture } from '../store/save';
import type { StagedArtifact } from '../store/staging';
import { captureEnvironment } from '../capture/build';
import type { FoundMedia, MediaFound, MediaOrigin } from '../protocol-media';

export const MEDIA_RECORD_SCHEMA = 'protokol-media-record/1';

export type CaptureMethod = 'download' | 'recording' | 'poster_only';

/** How the media bytes were obtained. */
export type MediaBytes =
  | {
      via: 'http';
      staged: StagedArtifact;
      media_type: string;
      url: string;
      final_url: string;
      status: number;
      headers: Record<string, string>;
      resumed: number;
      fetched_at: string;
    }
  | { via: 'blob'; staged: StagedArtifact; media_type: string; url: string; fetched_at: string }
  | {
      via: 'recording';
      staged: StagedArtifact;
      media_type: string;
      recorder: RecorderInfo;
      requested: number | 'end';
      recorded_s: number;
      stopped: string;
      end_time_s: number | null;
      started_at: string;
      /** Why the file itself could not be had (a MediaSource, a refused download…). */
      why: string;
    }
  | { via: 'none'; why: string };

export interface RecorderInfo {
  mime_type: string;
  video_bits_per_second: number | null;
  audio_bits_per_second: number | null;
  tracks: string[];
  started_playback: boolean;
  muted_to_play: boolean;
  start_time_s: number;
}

export interface PosterInput {
  staged: StagedArtifact;
  media_type: string;
  url: string;
  /** `poster`: the page's poster image; `element`: a crop of a viewport screenshot. */
  kind: 'poster' | 'element';
  note?: string;
}

/** Frames drawn from the staged file (entrypoints/background/thumbnails.ts), or why not. */
export type DecodedThumbnails =
  | {
      ok: true;
      duration_s: number;
      width: number;
      height: number;
      frames: Array<{ at_s: number; bytes: Uint8Array }>;
    }
  | { ok: false; error: string };

export interface MediaBuildInput {
  media: FoundMedia;
  page: MediaFound['page'];
  bytes: MediaBytes;
  posters: PosterInput[];
  /** For a video whose bytes were kept: thumbnails drawn from them (absent for images). */
  thumbnails?: DecodedThumbnails;
  /** Notes gathered on the way (a poster that failed, a download that was refused…). */
  notes: string[];
  caseId: string | null;
  pageItemId?: string;
  extensionVersion: string;
  browserName: string;
  capturedAt: string;
}

const enc = new TextEncoder();

/** File extension for a media type (the pack keeps the name; the bytes are what they are). */
export function extensionFor(mediaType: string, url?: string): string {
  const t = mediaType.split(';')[0]!.trim().toLowerCase();
  const known: Record<string, string> = {
    'video/mp4': 'mp4',
    'video/webm': 'webm',
    'video/ogg': 'ogv',
    'video/quicktime': 'mov',
    'video/x-matroska': 'mkv',
    'video/mp2t': 'ts',
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'image/avif': 'avif',
    'image/svg+xml': 'svg',
    'image/bmp': 'bmp',
    'audio/mpeg': 'mp3',
    'audio/ogg': 'ogg',
    'audio/webm': 'weba',
  };
  if (known[t]) return known[t];
  const m = url ? /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(new URL(url, 'http://x/').pathname) : null;
  return m ? m[1]!.toLowerCase() : 'bin';
}

const STOPPED_WORDS: Record<string, string> = {
  duration: 'the time asked for had passed',
  ended: 'the video ended',
  paused: 'playback was paused',
  removed: 'the video left the page or the page was closed',
  limit: 'the one-hour limit was reached',
  user: 'the user stopped it',
};

/** Plain words for the item about a recording: what it is and what was lost. */
export function recordingNote(b: Extract<MediaBytes, { via: 'recording' }>): string {
  const r = b.recorder;
  const rate = r.video_bits_per_second
    ? `${(r.video_bits_per_second / 1e6).toFixed(1)} Mbit/s video`
    : 'the browser’s default video bitrate';
  const audio = r.audio_bits_per_second
    ? `, ${Math.round(r.audio_bits_per_second / 1000)} kbit/s audio`
    : ', no audio track';
  return (
    `video recorded from playback, not the original file: ${b.why}. The browser re-encoded ` +
    `what it played with MediaRecorder (${r.mime_type || b.media_type}, ${rate}${audio}) in real ` +
    `time for ${b.recorded_s.toFixed(1)} s (asked: ${b.requested === 'end' ? 'until the video ends' : `${b.requested} s`}; ` +
    `stopped because ${STOPPED_WORDS[b.stopped] ?? b.stopped}), from playback position ${r.start_time_s.toFixed(1)} s` +
    (b.end_time_s !== null ? ` to ${b.end_time_s.toFixed(1)} s` : '') +
    `. Re-encoding loses detail (compression artefacts, possibly a lower frame rate or resolution ` +
    `than the source) and keeps none of the original file's metadata; the recording shows what ` +
    `was played, at the quality the player had chosen` +
    (r.started_playback ? '; playback was started by the extension to record it' : '') +
    (r.muted_to_play
      ? '; the video was muted to start playback without a click on the page, so the sound may be missing'
      : '')
  );
}

function originWords(o: MediaOrigin): string {
  switch (o) {
    case 'http':
      return 'an http(s) URL';
    case 'blob':
      return 'a blob: URL of a file the page holds';
    case 'media_source':
      return 'a blob: URL of a MediaSource (a streaming player: HLS, DASH or similar)';
    case 'src_object':
      return 'a stream set as srcObject (no URL)';
    case 'data':
      return 'a data: URL';
    default:
      return 'no source';
  }
}

export function methodOf(b: MediaBytes): CaptureMethod {
  return b.via === 'recording' ? 'recording' : b.via === 'none' ? 'poster_only' : 'download';
}

export function buildMediaCapture(i: MediaBuildInput): Omit<NewCapture, 'job_id'> {
  const { media, page, bytes } = i;
  const method = methodOf(bytes);
  const artifacts: NewArtifact[] = [];
  const alterations: string[] = [];
  const base = media.kind === 'video' ? 'video' : 'image';
  if (bytes.via !== 'none') {
    const src =
      bytes.via === 'http' ? bytes.final_url : bytes.via === 'blob' ? bytes.url : undefined;
    artifacts.push({
      role: 'media',
      name: `${base}.${extensionFor(bytes.media_type, src)}`,
      media_type: bytes.media_type,
      staged: bytes.staged,
    });
  }
  if (bytes.via === 'http') {
    alterations.push(
      `the file was downloaded again by the extension from its URL at ${bytes.fetched_at}, by its background worker with the browser's cookies for the site (the extension's host permission lets it read the file without the site's CORS headers); the bytes are the server's answer to that request (its headers are in capture.json)` +
        (bytes.resumed
          ? `; the download was resumed ${bytes.resumed} time(s) with range requests`
          : ''),
    );
  } else if (bytes.via === 'blob' && media.origin === 'data') {
    alterations.push(
      'the file was decoded from the data: URL in the page (the bytes are in the URL itself; no HTTP response)',
    );
  } else if (bytes.via === 'blob') {
    alterations.push(
      "the file was read by the extension's content script from the page's blob: URL: the bytes the page held in memory (no HTTP response, so no status or server headers)",
    );
  } else if (bytes.via === 'recording') {
    alterations.push(recordingNote(bytes));
  } else {
    alterations.push(
      `only the URL and a picture of the video were saved, not the video itself: ${bytes.why}`,
    );
  }
  i.posters.forEach((p, n) => {
    const ext = extensionFor(p.media_type, p.url);
    artifacts.push({
      role: 'thumbnail',
      name: p.kind === 'poster' ? `poster.${ext}` : `element-${n + 1}.${ext}`,
      media_type: p.media_type,
      staged: p.staged,
    });
    if (p.note) alterations.push(p.note);
  });
  const th = i.thumbnails;
  if (th?.ok) {
    th.frames.forEach((f, k) =>
      artifacts.push({
        role: 'thumbnail',
        name: `frame-${k + 1}.jpg`,
        media_type: 'image/jpeg',
        bytes: f.bytes,
      }),
    );
    alterations.push(
      `frame-*.jpg are ${th.frames.length} thumbnails drawn from the kept file itself (decoded by the browser in the extension's offscreen document, from the store, not from the web), evenly spaced over its ${th.duration_s.toFixed(1)} s, scaled to at most 320 px wide, JPEG`,
    );
  } else if (th) {
    alterations.push(`no thumbnails could be drawn from the kept file: ${th.error}`);
  }
  alterations.push(...i.notes);

  const environment = captureEnvironment(
    {
      user_agent: page.user_agent,
      time_zone: page.time_zone,
      viewport: page.viewport,
      device_pixel_ratio: page.device_pixel_ratio,
    },
    i,
  );
  const src_url = media.src ?? null;
  // The decoded file's duration where the browser could read it (a recording or a file whose
  // header states none), else what the page's element said.
  const decoded =
    th?.ok && Number.isFinite(th.duration_s) && th.duration_s > 0 ? th.duration_s : null;
  const duration_s =
    decoded !== null
      ? round(decoded)
      : bytes.via === 'recording'
        ? round(bytes.recorded_s)
        : media.duration_s !== null
          ? round(media.duration_s)
          : null;
  const source: Record<string, unknown> = clean({
    src_url,
    page_url: page.url,
    page_title: page.title,
    page_item_id: i.pageItemId,
    duration_s,
    width: (th?.ok ? th.width : 0) || media.width || undefined,
    height: (th?.ok ? th.height : 0) || media.height || undefined,
    capture_method: method,
    media_origin: media.origin,
    media_type: bytes.via !== 'none' ? bytes.media_type : undefined,
    poster_url: media.poster,
    label: media.label,
    source_duration_s:
      bytes.via === 'recording' && media.duration_s !== null ? round(media.duration_s) : undefined,
  });
  const record = {
    schema: MEDIA_RECORD_SCHEMA,
    kind: media.kind,
    captured_at: i.capturedAt,
    capture_method: method,
    page: { url: page.url, title: page.title, item_id: i.pageItemId ?? null },
    element: {
      origin: media.origin,
      origin_words: originWords(media.origin),
      src: media.src,
      candidates: media.candidates,
      declared_type: media.type,
      width: media.width,
      height: media.height,
      duration_s: media.duration_s,
      poster: media.poster,
      label: media.label,
      box_css_px: media.rect,
    },
    bytes:
      bytes.via === 'http'
        ? {
            via: 'http',
            url: bytes.url,
            final_url: bytes.final_url,
            status: bytes.status,
            headers: bytes.headers,
            fetched_at: bytes.fetched_at,
            resumed: bytes.resumed,
            size: bytes.staged.size,
            sha256: bytes.staged.sha256,
          }
        : bytes.via === 'blob'
          ? {
              via: 'blob',
              url: bytes.url,
              fetched_at: bytes.fetched_at,
              media_type: bytes.media_type,
              size: bytes.staged.size,
              sha256: bytes.staged.sha256,
            }
          : bytes.via === 'recording'
            ? {
                via: 'recording',
                started_at: bytes.started_at,
                requested: bytes.requested,
                recorded_s: bytes.recorded_s,
                stopped: bytes.stopped,
                recorder: bytes.recorder,
                why: bytes.why,
                size: bytes.staged.size,
                sha256: bytes.staged.sha256,
              }
            : { via: 'none', why: bytes.why },
    pictures: i.posters.map((p) => ({ kind: p.kind, url: p.url, sha256: p.staged.sha256 })),
    thumbnails: th?.ok
      ? {
          from: 'the kept file, decoded in the offscreen document',
          duration_s: th.duration_s,
          width: th.width,
          height: th.height,
          frames_at_s: th.frames.map((f) => round(f.at_s)),
        }
      : th
        ? { error: th.error }
        : null,
    environment,
    alterations,
  };
  artifacts.push({
    role: 'metadata',
    name: 'capture.json',
    media_type: 'application/json',
    bytes: enc.encode(JSON.stringify(record, null, 2) + '\n'),
  });
  const kindWord = media.kind === 'video' ? 'Video' : 'Image';
  const title = `${kindWord}: ${media.label || page.title || page.url}`.slice(0, 500);
  const url =
    bytes.via === 'http'
      ? bytes.final_url
      : src_url && /^https?:/i.test(src_url)
        ? src_url
        : page.url;
  const text = [media.label, page.title, page.url, src_url].filter(Boolean).join('\n');
  return {
    kind: media.kind,
    url,
    requested_url: bytes.via === 'http' && bytes.url !== bytes.final_url ? bytes.url : undefined,
    title,
    captured_at: i.capturedAt,
    case_id: i.caseId,
    source,
    environment,
    alterations,
    text,
    // Two captures are "identical" when their files are: the digest is over the media's hash.
    content_text: bytes.via !== 'none' ? `media sha256 ${bytes.staged.sha256}` : text,
    detection: null,
    artifacts,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}
