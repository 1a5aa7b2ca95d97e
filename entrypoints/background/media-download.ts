/**
 * Downloading a media file byte for byte into the store. The service worker fetches it: with
 * access to the file's site (the page's own site under the capture's activeTab, or a site the
 * user allowed) it reads a cross-origin file without the site's CORS consent, which a page (or a
 * content script) could not; without it the browser refuses and the error says so. The body is streamed through a stager (hashed
 * while it streams; at most about one 4 MiB chunk in memory), so a multi-GB video never sits in
 * memory. A connection that drops is resumed with a Range request (If-Range pins the same file);
 * a server that will not resume, a short body, an HTTP error or an empty file fail with a clear
 * message, and in every failure what was staged is deleted first: nothing partial is kept.
 */
import { browser } from 'wxt/browser';
import {
  beginStagedArtifact,
  InsufficientSpaceError,
  isQuotaError,
  type ArtifactStager,
  type EvidenceDb,
  type StagedArtifact,
} from '@/utils/store';
import { formatBytes, pickLocale } from '@/utils/i18n';
import type { UserError } from '@/utils/protocol';
import { describeError, UserFacingError } from './jobs';
import { missingAccess } from './host-access';

export interface DownloadResult {
  staged: StagedArtifact;
  url: string;
  /** After redirects. */
  final_url: string;
  status: number;
  /** Response headers of the first (whole-file) response, names in lower case. */
  headers: Record<string, string>;
  media_type: string;
  /** Times the download was resumed after the connection dropped. */
  resumed: number;
}

export interface DownloadOptions {
  jobId?: string;
  signal?: AbortSignal;
  onProgress?: (bytes: number, total?: number) => void;
  /**
   * Sent as the Referer where the browser allows it. Browsers drop a referrer of another origin
   * than the extension's, so a server that insists on one answers with an HTTP error.
   */
  referrer?: string;
  /** Resumes tried after drops (default 3). */
  maxResumes?: number;
  /** A connection that delivers nothing for this long counts as dropped (default 60 s). */
  stallMs?: number;
}

/** For the item's record: how the bytes were obtained (English, like other source notes). */
export const DOWNLOAD_NOTE =
  "downloaded again by the extension's background worker with the browser's cookies for the site; the extension's access to the file's site (the user's click on the page, or a site the user allowed) lets it read the file without the site's CORS headers";

const MAX_RESUMES = 3;
const STALL_MS = 60_000;
/** Chrome stops an idle MV3 worker after 30 s; an extension API call counts as activity. */
const KEEPALIVE_MS = 20_000;

/** A failure of the connection (not of the store): worth resuming. */
class Dropped extends Error {}

export async function downloadToStore(
  db: EvidenceDb,
  url: string,
  opts: DownloadOptions = {},
): Promise<DownloadResult> {
  if (!/^https?:\/\//i.test(url))
    throw new UserFacingError({ code: 'errDownloadUrl', params: { url } });
  let stager: ArtifactStager | undefined;
  let total: number | undefined;
  const keepAlive = setInterval(
    () => void browser.runtime.getPlatformInfo().catch(() => undefined),
    KEEPALIVE_MS,
  );
  try {
    const first = await request(url, {}, opts);
    const res = first.res;
    if (!res.ok || res.status === 206) {
      void res.body?.cancel().catch(() => undefined);
      throw new UserFacingError({
        code: 'errDownloadHttp',
        params: { url, status: `${res.status} ${res.statusText}`.trim() },
      });
    }
    const headers = Object.fromEntries(res.headers.entries());
    total = declaredLength(res.headers);
    if (total === 0 || !res.body) throw emptyFile(url);
    stager = await beginStagedArtifact(db, { jobId: opts.jobId, expectedSize: total });
    // Only a strong ETag may go in If-Range; otherwise the date the file was last modified.
    const etag = res.headers.get('etag');
    const validator =
      etag && !etag.startsWith('W/') ? etag : (res.headers.get('last-modified') ?? undefined);
    const finalUrl = res.url || url;

    // `body` is undefined when the connection dropped: the next turn asks for the rest.
    let body: ReadableStream<Uint8Array> | undefined = res.body;
    let stop = first.stop;
    let resumed = 0;
    for (;;) {
      try {
        if (!body)
          ({ body, stop } = await resume(finalUrl, stager.bytesWritten, total, validator, opts));
        await pump(body, stager, total, stop, opts);
        break;
      } catch (e) {
        // A drop while reading, or a failed attempt to reconnect: both may be retried.
        if (!(e instanceof Dropped) || opts.signal?.aborted) throw e;
        if (resumed >= (opts.maxResumes ?? MAX_RESUMES)) {
          throw new UserFacingError({
            code: 'errDownloadDropped',
            params: { url, times: String(resumed + 1), received: size(stager.bytesWritten) },
          });
        }
        resumed++;
        body = undefined;
        await sleep(250 * resumed);
      }
    }
    if (stager.bytesWritten === 0) throw emptyFile(url);
    if (total !== undefined && stager.bytesWritten !== total) throw lengthError(url, total, stager);
    const staged = await stager.finish();
    return {
      staged,
      url,
      final_url: finalUrl,
      status: res.status,
      headers,
      media_type: mediaType(res.headers.get('content-type')),
      resumed,
    };
  } catch (e) {
    const received = stager?.bytesWritten ?? 0;
    await stager?.abort().catch(() => undefined);
    throw toDownloadError(e, url, received, opts.signal);
  } finally {
    clearInterval(keepAlive);
  }
}

/** A fetch whose connection counts as dropped when it stalls; `stop` ends it early. */
async function request(
  url: string,
  headers: Record<string, string>,
  opts: DownloadOptions,
): Promise<{ res: Response; stop: AbortController }> {
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const timer = setTimeout(() => stop.abort(), opts.stallMs ?? STALL_MS);
  try {
    const res = await fetch(url, {
      headers,
      signal,
      credentials: 'include',
      // The exact bytes the server sends now: not a cached copy, and 1 GB not copied into the cache.
      cache: 'no-store',
      redirect: 'follow',
      ...(opts.referrer ? { referrer: opts.referrer } : {}),
    });
    return { res, stop };
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    // A file of another site than the page's, with no access to that site granted, is refused
    // by the browser (CORS): say so rather than only "Failed to fetch".
    const why = stop.signal.aborted ? null : await missingAccess(url, opts.referrer);
    throw new UserFacingError({
      code: 'errDownloadNetwork',
      params: {
        url,
        detail: stop.signal.aborted
          ? 'no answer from the server'
          : describeError(e) + (why ? ` (${why})` : ''),
      },
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Streams a body into the stager; a read that fails or stalls throws Dropped. */
async function pump(
  body: ReadableStream<Uint8Array>,
  stager: ArtifactStager,
  total: number | undefined,
  stop: AbortController,
  opts: DownloadOptions,
): Promise<void> {
  const reader = body.getReader();
  const stallMs = opts.stallMs ?? STALL_MS;
  try {
    for (;;) {
      const timer = setTimeout(() => stop.abort(), stallMs);
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new Dropped(describeError(e));
      } finally {
        clearTimeout(timer);
      }
      if (chunk.done) break;
      if (total !== undefined && stager.bytesWritten + chunk.value.byteLength > total)
        throw new Error('the server sent more bytes than it announced');
      await stager.write(chunk.value); // store errors (quota) propagate as they are
      opts.onProgress?.(stager.bytesWritten, total);
    }
  } catch (e) {
    stop.abort(); // close the connection: nothing more of this response will be read
    throw e;
  } finally {
    reader.releaseLock();
  }
  // A body that ends before its announced length without a network error (a close-delimited
  // response) is a drop too.
  if (total !== undefined && stager.bytesWritten < total) throw new Dropped('body ended early');
}

/** Asks for the rest of the file; anything but the exact range requested fails the download. */
async function resume(
  url: string,
  from: number,
  total: number | undefined,
  validator: string | undefined,
  opts: DownloadOptions,
): Promise<{ body: ReadableStream<Uint8Array>; stop: AbortController }> {
  const headers: Record<string, string> = { range: `bytes=${from}-` };
  if (validator) headers['if-range'] = validator;
  let got: { res: Response; stop: AbortController };
  try {
    got = await request(url, headers, opts);
  } catch (e) {
    if (e instanceof UserFacingError && e.userError.code === 'errDownloadNetwork')
      throw new Dropped(e.userError.params?.detail ?? 'network error');
    throw e;
  }
  const { res } = got;
  const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
  const ok =
    res.status === 206 &&
    range !== null &&
    Number(range[1]) === from &&
    (total === undefined || (range[3] === String(total) && Number(range[2]) === total - 1));
  if (!ok || !res.body) {
    void res.body?.cancel().catch(() => undefined);
    throw new UserFacingError({
      code: 'errDownloadNoResume',
      params: { url, received: size(from) },
    });
  }
  return { body: res.body, stop: got.stop };
}

/** The body length the server declared, when it is the length of the bytes we will read. */
function declaredLength(h: Headers): number | undefined {
  const encoding = (h.get('content-encoding') ?? 'identity').trim().toLowerCase();
  // fetch decodes gzip and the like: the declared length is then that of the encoded body.
  if (encoding !== 'identity' && encoding !== '') return undefined;
  const raw = h.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

function mediaType(contentType: string | null): string {
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(t) ? t : 'application/octet-stream';
}

/** Sizes in messages, in the language the popup and badge use. */
function size(n: number): string {
  return formatBytes(pickLocale([navigator.language]), n);
}

function emptyFile(url: string): UserFacingError {
  return new UserFacingError({ code: 'errDownloadEmpty', params: { url } });
}

function lengthError(url: string, total: number, stager: ArtifactStager): UserFacingError {
  return new UserFacingError({
    code: 'errDownloadLength',
    params: { url, expected: size(total), received: size(stager.bytesWritten) },
  });
}

/** What any failure becomes for the user; called after the staged bytes were deleted. */
function toDownloadError(
  e: unknown,
  url: string,
  received: number,
  signal: AbortSignal | undefined,
): UserFacingError {
  if (e instanceof UserFacingError) return e;
  const error: UserError = signal?.aborted
    ? { code: 'errDownloadCancelled', params: { url } }
    : e instanceof InsufficientSpaceError
      ? { code: 'errDownloadNoSpace', params: { url, needed: size(e.needed), free: size(e.free) } }
      : isQuotaError(e)
        ? { code: 'errDownloadQuota', params: { url, received: size(received) } }
        : { code: 'errDownloadNetwork', params: { url, detail: describeError(e) } };
  return new UserFacingError(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
