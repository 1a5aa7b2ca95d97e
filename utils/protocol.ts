/**
 * The one message protocol between extension contexts. Every message is declared here once,
 * with a zod schema for what arrives; the background validates before it acts.
 * Pure module: the messenger itself is bound in lib/messaging.ts.
 */
import { z } from 'zod';
import type { CaptureJob, FullPageState } from './schemas';
import type * as Detect from './detect/messages';
import type { DetectPrefs } from './detect/prefs';
import type {
  TelegramBlobAnswer,
  TelegramBlobRequest,
  TelegramClipPostsRequest,
  TelegramClipRequest,
  TelegramControlsRequest,
  TelegramEmbedRequest,
  TelegramErrorCode,
  TelegramGathered,
  TelegramGatherRequest,
  TelegramLocated,
  TelegramLocateRequest,
  TelegramPageInfo,
  TelegramRecheckRequest,
} from './protocol-telegram';
import type { RecheckResult } from './capture/telegram-second-path';
import type { TelegramPost } from './telegram';
import type { DownloadErrorCode } from './i18n/messages-download';
import type * as Media from './protocol-media';
import { RecordFor } from './protocol-media';
import { VAULT_MESSAGES, type VaultProtocolMap } from './protocol-vault';

export const CaptureTabRequest = z.object({
  /** The tab to capture; the popup passes the tab it was opened over. */
  tabId: z.number().int().nonnegative(),
  caseId: z.string().nullable().optional(),
  /**
   * Also save the page's media, each as its own item linked by `page_item_id` (the batch CLI's
   * `--media`): `video` (the default there), `all` (videos and images), `none` (the popup).
   */
  media: z.enum(['video', 'all', 'none']).optional(),
  /** How long to record a stream that cannot be downloaded. */
  recordFor: RecordFor.optional(),
  /**
   * The full-page screenshot is taken after the item is saved. `background` (the default): the
   * answer comes at once, with `full_page` pending; `wait`: the answer waits for it (callers that
   * close the tab next, like the batch CLI).
   */
  fullPage: z.enum(['wait', 'background']).optional(),
});
export type CaptureTabRequest = z.infer<typeof CaptureTabRequest>;

export const JobIdRequest = z.object({ id: z.string().min(1) });
export const ItemIdRequest = z.object({ item_id: z.string().min(1) });

/** An item's full-page screenshot (null state: the item has none to take, or is gone). */
export interface FullPageStatus {
  state: FullPageState | null;
  /** Views taken so far and about how many there will be, while it is being taken. */
  progress: { done: number; total: number } | null;
}

/** An error the user reads: a message key of utils/i18n plus a detail. */
export interface UserError {
  code:
    | 'errNotCapturable'
    | 'errNoTab'
    | 'errQuota'
    | 'errPageScript'
    | 'errNoAccess'
    | 'errNoAccessTab'
    | 'errInterrupted'
    | 'errFullPageInterrupted'
    | 'errUnknown'
    | 'errForbidden'
    | 'errTooLarge'
    | 'errStoreLocked'
    | TelegramErrorCode
    | DownloadErrorCode
    | Media.MediaErrorCode;
  detail?: string;
  params?: Record<string, string>;
}

export type CaptureResult =
  | {
      ok: true;
      item_id: string;
      title: string;
      /** Earlier captures of the same URL, newest first. */
      earlier: Array<{ item_id: string; captured_at: string; identical: boolean }>;
      timings: Record<string, number>;
      /** On a Telegram channel page: each post was also saved as its own item. */
      telegram?: TelegramBatchResult;
      /** When asked for (`media`): the page's media, each saved as its own item. */
      media?: Media.MediaBatchResult;
      /** The full-page screenshot: pending (poll `fullPageStatus`), added or missing. */
      full_page?: FullPageState;
      /**
       * The store was locked: the capture was sealed into the queue and appears in the library
       * (as `item_id`) after unlock.
       */
      sealed?: true;
    }
  | { ok: false; error: UserError };

/** One Telegram post clipped (or not). */
export type TelegramClipResult =
  | {
      ok: true;
      item_id: string;
      post_id: number;
      title: string;
      notes: string[];
      timings: Record<string, number>;
      /** Sealed into the queue (the store was locked): in the library after unlock. */
      sealed?: true;
    }
  | { ok: false; post_id?: number; error: UserError };

/** Several posts clipped one after another: each saved or failed on its own. */
export interface TelegramBatchResult {
  results: TelegramClipResult[];
  /** Set when nothing could be tried (not a Telegram page, no posts matched). */
  error?: UserError;
}

/** A re-check of a saved post: recorded in its custody log (seq), or why it was not. */
export type TelegramRecheckAnswer =
  { ok: true; result: RecheckResult; seq: number } | { ok: false; error: UserError };

/** Message name → [data, response]. The vault's messages are in protocol-vault.ts. */
export interface ProtocolMap extends VaultProtocolMap {
  captureTab(data: CaptureTabRequest): CaptureResult;
  /** The state of an item's full-page screenshot, with the views taken so far while pending. */
  fullPageStatus(data: z.infer<typeof ItemIdRequest>): FullPageStatus;
  /** Failed or interrupted captures the user has not yet seen. */
  pendingProblems(): CaptureJob[];
  dismissJob(data: z.infer<typeof JobIdRequest>): void;
  /** Ask again for capture-time timestamps that failed earlier. */
  retryTimestamps(): { tried: number; granted: number };
  /** Erase the store, keys, settings and all extension storage, then reload (extension pages only). */
  panicWipe(): { databases: string[]; took_ms: number };
  // Detection (entrypoints/background/detection.ts; shapes in utils/detect/messages.ts).
  /** Content script → background, page-scoped: the page's text to scan (the tab is the sender's). */
  detectPage(data: Detect.DetectPageRequest): Detect.DetectPageAnswer;
  detectionForTab(data: Detect.TabRequest): Detect.TabDetection | null;
  /** Content script → background, page-scoped: may this page (the sender's) be scanned? */
  detectionWanted(): boolean;
  /** Extension pages → background: the detection switches (kept in the store). */
  detectionPrefs(): DetectPrefs;
  /** Extension pages → background: store new switches; answers what was stored. */
  setDetectionPrefs(data: DetectPrefs): DetectPrefs;
  showOnPage(data: Detect.ShowOnPageRequest): Detect.HighlightAnswer;
  learnDetection(data: Detect.LearnRequest): Detect.TabDetection | null;
  forgetDetection(data: Detect.TabRequest): void;
  /** Background → the tab's content script. */
  highlightPassages(data: Detect.HighlightRequest): Detect.HighlightAnswer;
  pageText(): Detect.PageTextAnswer | null;
  // Telegram clipping (entrypoints/background/telegram.ts, entrypoints/telegram.content/).
  /** Content script → background: clip the post whose Clip control was pressed (page-scoped). */
  clipTelegramPost(data: TelegramClipRequest): TelegramClipResult;
  /** Popup → background: clip the posts in view or a range of post ids. */
  clipTelegramPosts(data: TelegramClipPostsRequest): TelegramBatchResult;
  /** Popup → background: the Telegram page in a tab, or null. */
  telegramPageInfo(data: { tabId: number }): TelegramPageInfo | null;
  /** Content script (loader) → background: this tab shows a Telegram layout; inject the clipper. */
  telegramDetected(): void;
  /** Background → content script: the posts asked for. */
  telegramGather(data: TelegramGatherRequest): TelegramGathered | null;
  /** Background → content script: scroll a post into view and hide the controls; null when it is gone. */
  telegramLocate(data: TelegramLocateRequest): TelegramLocated | null;
  /** Background → content script: show the controls again. */
  telegramControls(data: TelegramControlsRequest): void;
  /** Background → content script: the bytes behind a blob: URL of the page (web clients' media). */
  telegramBlob(data: TelegramBlobRequest): TelegramBlobAnswer | null;
  /** Background → content script: parse a fetched public embed page into its post. */
  telegramParseEmbed(data: TelegramEmbedRequest): TelegramPost | null;
  /** Library → background: fetch a saved post's public embed now and record what it shows. */
  recheckTelegramPost(data: TelegramRecheckRequest): TelegramRecheckAnswer;
  /** Background → extension pages (the library that asked): parse a re-check's embed page. */
  parseTelegramEmbedPage(data: TelegramEmbedRequest): TelegramPost | null;
  // Media (entrypoints/background/media.ts, entrypoints/media.content/; shapes in protocol-media.ts).
  /** Popup → background: the videos and images on a tab. */
  findMedia(data: { tabId: number }): Media.MediaFound | null;
  /** Popup → background: save these media of a tab, each as its own item. */
  saveMedia(data: Media.SaveMediaRequest): Media.MediaBatchResult;
  /** Popup → background: stop a recording in progress (what was recorded is kept); false if none. */
  stopMediaRecording(data: { tabId: number; ref: string }): boolean;
  /** Content script (hover control) → background, page-scoped: save this element of my page. */
  saveMediaFromPage(data: { ref: string }): Media.MediaSaveResult;
  /** Content script (watcher) → background, page-scoped: inject the media finder into my page. */
  mediaWanted(): void;
  /** Background → content script: every video and image on the page. */
  mediaFind(): Media.MediaFound;
  /** Background → content script: one element described again now, or null when it is gone. */
  mediaDescribe(data: { ref: string }): Media.FoundMedia | null;
  /** Background → content script: where an element is now, for a crop of the viewport. */
  mediaLocate(data: { ref: string }): Media.MediaLocated | null;
  /** Background → content script: hide or show the hover control (hidden during screenshots). */
  mediaControls(data: { visible: boolean }): void;
  /** Background → offscreen document: thumbnails of a stored video. */
  makeThumbnails(data: Media.ThumbnailRequest): Media.ThumbnailAnswer;
}

/** Messages only extension pages (popup, library, verifier) may send. */
export const PRIVILEGED: ReadonlySet<keyof ProtocolMap> = new Set<keyof ProtocolMap>([
  'captureTab',
  'fullPageStatus',
  'panicWipe',
  'pendingProblems',
  'dismissJob',
  'retryTimestamps',
  'detectionForTab',
  'detectionPrefs',
  'setDetectionPrefs',
  'showOnPage',
  'learnDetection',
  'forgetDetection',
  'highlightPassages',
  'pageText',
  'clipTelegramPosts',
  'telegramPageInfo',
  'recheckTelegramPost',
  'findMedia',
  'saveMedia',
  'stopMediaRecording',
  'mediaFind',
  'mediaDescribe',
  'mediaLocate',
  'mediaControls',
  'makeThumbnails',
  ...VAULT_MESSAGES,
]);

/**
 * True when the sender is one of the extension's own pages (not a content script, not a web page).
 * Content scripts send with the page's URL; extension pages with the extension's origin.
 */
export function isExtensionPageSender(
  sender: { id?: string; url?: string; origin?: string },
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (sender.id !== extensionId) return false;
  const url = sender.url ?? '';
  return url.startsWith(extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`);
}
