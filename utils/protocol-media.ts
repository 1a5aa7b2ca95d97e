/**
 * Data of the media messages (video and image capture; declared in the ProtocolMap of
 * utils/protocol.ts). Pure module. What a content script sends is page data: the background
 * validates it with these schemas and takes the tab from the sender, never from the message.
 */
import { z } from 'zod';
import { CssRect } from './protocol-telegram';

/**
 * Where a media element's bytes come from, as the page shows them:
 * - `http`: an http(s) URL (src, currentSrc or a `<source>`), downloaded again by the extension;
 * - `blob`: a `blob:` URL of a whole file the page holds (read in the page);
 * - `media_source`: a `blob:` URL of a MediaSource (MSE: HLS/DASH players): no file to read;
 * - `src_object`: a MediaStream or MediaSource set as `srcObject`: no URL at all;
 * - `data`: a `data:` URL (the bytes are in the URL itself);
 * - `none`: nothing loaded.
 */
export const MediaOrigin = z.enum(['http', 'blob', 'media_source', 'src_object', 'data', 'none']);
export type MediaOrigin = z.infer<typeof MediaOrigin>;

const Url = z.string().max(8192);

/** One `<video>` or `<img>` the finder saw on the page. */
export const FoundMedia = z.object({
  /** The content script's handle for the element (valid while the page lives). */
  ref: z.string().max(40),
  kind: z.enum(['video', 'image']),
  origin: MediaOrigin,
  /** The URL the element is showing (currentSrc: for srcset/picture, the file actually chosen). */
  src: Url.nullable(),
  /** Other candidate URLs (the `src` attribute, `<source>` children), for the record. */
  candidates: z.array(Url).max(50),
  /** Intrinsic size (videoWidth/naturalWidth) in pixels, 0 when not known yet. */
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  /** Seconds; null when unknown or endless (a live stream). */
  duration_s: z.number().nonnegative().nullable(),
  poster: Url.nullable(),
  /** Bytes, when the page knows (a blob's size, or the resource timing entry). */
  size: z.number().int().nonnegative().nullable(),
  /** Where it is now, in CSS pixels relative to the viewport. */
  rect: CssRect,
  /** alt / title / aria-label, for the list. */
  label: z.string().max(300),
  /** The media type the page declared (`<source type>`, a blob's type). */
  type: z.string().max(200).nullable(),
  /** The element's own media error (it cannot play what it was given), e.g. `MEDIA_ERR_SRC_NOT_SUPPORTED`. */
  media_error: z.string().max(300).nullable(),
});
export type FoundMedia = z.infer<typeof FoundMedia>;

/** Content script → background (answer): what is on the page. Videos first, then images. */
export const MediaFound = z.object({
  items: z.array(FoundMedia).max(5000),
  /** Images left out because they are tiny (icons, trackers): counted, never silently. */
  skipped_small: z.number().int().nonnegative(),
  /** The smallest side an image must have to be listed, in pixels. */
  min_image_side: z.number().int().nonnegative(),
  page: z.object({
    url: z.string().max(8192),
    title: z.string().max(2000),
    user_agent: z.string().max(2000),
    time_zone: z.string().max(200),
    viewport: z.object({ width: z.number(), height: z.number() }),
    device_pixel_ratio: z.number().positive().max(16),
  }),
});
export type MediaFound = z.infer<typeof MediaFound>;

/** How long to record a stream that cannot be downloaded: seconds, or `end` (until it ends). */
export const RecordFor = z.union([z.number().int().min(1).max(3600), z.literal('end')]);
export type RecordFor = z.infer<typeof RecordFor>;
export const RECORD_CHOICES: RecordFor[] = [10, 30, 60, 300, 'end'];
export const DEFAULT_RECORD_FOR: RecordFor = 30;

/** Popup → background: the media on a tab. */
export const MediaTabRequest = z.object({ tabId: z.number().int().nonnegative() });

/** Popup → background: save these media of a tab, each as its own item. */
export const SaveMediaRequest = z.object({
  tabId: z.number().int().nonnegative(),
  refs: z.array(z.string().max(40)).min(1).max(5000),
  caseId: z.string().nullable().optional(),
  recordFor: RecordFor.optional(),
});
export type SaveMediaRequest = z.infer<typeof SaveMediaRequest>;

/** Popup → background: stop a recording now and keep what was recorded. */
export const StopRecordingRequest = z.object({
  tabId: z.number().int().nonnegative(),
  ref: z.string().max(40),
});

/** Content script → background: the hover control on the page was pressed (page-scoped). */
export const SaveMediaFromPageRequest = z.object({ ref: z.string().max(40) });

/** What became of one media item; kept in storage.session per tab so the popup can follow. */
export const MediaOutcome = z.object({
  ref: z.string(),
  state: z.enum(['queued', 'saving', 'recording', 'thumbnails', 'done', 'failed']),
  bytes: z.number().optional(),
  total: z.number().optional(),
  item_id: z.string().optional(),
  capture_method: z.enum(['download', 'recording', 'poster_only']).optional(),
  /** Message key + params (utils/i18n). */
  error: z
    .object({ code: z.string(), params: z.record(z.string(), z.string()).optional() })
    .optional(),
});
export type MediaOutcome = z.infer<typeof MediaOutcome>;

/** storage.session key of the outcomes of a tab's media saves. */
export const mediaProgressKey = (tabId: number) => `media.progress.${tabId}`;

/** Background → content script over a runtime Port named MEDIA_PORT: read or record one element. */
export const MEDIA_PORT = 'protokol-media';
export const MediaPortStart = z.object({
  ref: z.string().max(40),
  mode: z.enum(['blob', 'record']),
  /** For `record`: seconds, or until the video ends (capped by MAX_RECORD_S). */
  recordFor: RecordFor.optional(),
});
export type MediaPortStart = z.infer<typeof MediaPortStart>;

/** Bytes handed over per message (base64 in JSON messaging): ~1 MiB keeps each message small. */
export const PORT_PIECE = 1024 * 1024;
/** The longest recording, whatever was asked ("until it ends" on an endless live stream). */
export const MAX_RECORD_S = 3600;

/** Content script → background over the port. `seq` counts pieces; the background acks each. */
export const MediaPortMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('begin'),
    /** The media type of what follows (the blob's type, or the recorder's mimeType). */
    type: z.string().max(200),
    /** Total bytes when known (a blob). */
    size: z.number().int().nonnegative().nullable(),
    /** Recording only: the recorder's settings, for the item's note. */
    recorder: z
      .object({
        mime_type: z.string().max(200),
        video_bits_per_second: z.number().nullable(),
        audio_bits_per_second: z.number().nullable(),
        tracks: z.array(z.string().max(200)).max(10),
        started_playback: z.boolean(),
        muted_to_play: z.boolean(),
        start_time_s: z.number(),
      })
      .optional(),
  }),
  z.object({
    t: z.literal('piece'),
    seq: z.number().int().nonnegative(),
    b64: z.string().max(Math.ceil(PORT_PIECE / 3) * 4 + 8),
  }),
  z.object({
    t: z.literal('end'),
    /** Recording only: seconds of playback recorded, and why it stopped. */
    recorded_s: z.number().nonnegative().optional(),
    stopped: z.enum(['duration', 'ended', 'paused', 'removed', 'limit', 'user']).optional(),
    end_time_s: z.number().optional(),
  }),
  z.object({ t: z.literal('error'), code: z.string().max(100), detail: z.string().max(2000) }),
]);
export type MediaPortMessage = z.infer<typeof MediaPortMessage>;

/** Background → content script over the port. */
export type MediaPortControl = { t: 'ack'; seq: number } | { t: 'stop' };

/** Background → content script: measure one element again (for a crop of the viewport). */
export const MediaLocateRequest = z.object({ ref: z.string().max(40) });

/** Background → content script (answer): where the element is now and at what pixel ratio. */
export const MediaLocated = z.object({
  rect: CssRect,
  viewport: z.object({ width: z.number().positive(), height: z.number().positive() }),
  device_pixel_ratio: z.number().positive().max(16),
});
export type MediaLocated = z.infer<typeof MediaLocated>;

/** Result codes of media capture (message keys of utils/i18n/messages-media.ts). */
export type MediaErrorCode =
  | 'errMediaGone'
  | 'errMediaEmpty'
  | 'errMediaNoSource'
  | 'errMediaRead'
  | 'errMediaRecord'
  | 'errMediaNotPlaying'
  | 'errMediaDownload'
  | 'errMediaLocked';

/** One media item saved (or not), as the popup and the CLI see it. */
export type MediaSaveResult =
  | { ok: true; ref: string; item_id: string; capture_method: string; notes: string[] }
  | { ok: false; ref: string; error: { code: string; params?: Record<string, string> } };

/** Popup/CLI → background answer: each media item saved or failed on its own. */
export interface MediaBatchResult {
  results: MediaSaveResult[];
  /** How many were found, and how many tiny images were skipped (the CLI's `--media all`). */
  found: number;
  skipped_small: number;
  /** Set when nothing could be tried. */
  error?: { code: string; params?: Record<string, string> };
}

/** Background → offscreen document: draw `count` frames of a stored video, evenly spaced. */
export const ThumbnailRequest = z.object({
  artifactId: z.string().min(1).max(100),
  /** A staged artifact's size and media type (it has no record yet). */
  size: z.number().int().positive(),
  type: z.string().max(200),
  count: z.number().int().min(1).max(24),
});
export type ThumbnailRequest = z.infer<typeof ThumbnailRequest>;

/** Offscreen document → background (answer): JPEG frames, base64, and what the file is. */
export type ThumbnailAnswer =
  | {
      ok: true;
      frames: Array<{ at_s: number; b64: string }>;
      duration_s: number;
      width: number;
      height: number;
    }
  | { ok: false; error: string };
