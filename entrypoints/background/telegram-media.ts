/** Fetching a post's media in the background: exact bytes and response headers, or why not. */
import type { FetchedFile, MediaInput } from '@/utils/capture/telegram-build';
import type { TelegramBlobAnswer } from '@/utils/protocol-telegram';
import type { TelegramPost } from '@/utils/telegram';
import { missingAccess } from './host-access';

/** Reads a blob: URL of the page through the tab's content script (null: no answer). */
export type BlobReader = (url: string) => Promise<TelegramBlobAnswer | null>;

const MEDIA_LIMIT = 512 * 1024 * 1024;

/** Photos as exact bytes; videos as URL plus poster image (their bytes wait for the media path). */
export async function fetchMedia(
  post: TelegramPost,
  pageUrl: string,
  readBlob: BlobReader,
): Promise<MediaInput[]> {
  return Promise.all(
    post.media.map(async (media): Promise<MediaInput> => {
      const out: MediaInput = { media };
      if (media.type === 'photo' && media.url)
        out.file = await fetchFile(media.url, pageUrl, readBlob);
      if (media.poster_url) out.poster = await fetchFile(media.poster_url, pageUrl, readBlob);
      return out;
    }),
  );
}

async function fetchFile(raw: string, pageUrl: string, readBlob: BlobReader): Promise<FetchedFile> {
  const fetched_at = new Date().toISOString();
  let url: string;
  try {
    url = new URL(raw, pageUrl).href;
  } catch {
    return { ok: false, url: raw, error: 'not a valid URL', fetched_at };
  }
  if (url.startsWith('blob:')) return fromBlob(url, readBlob, fetched_at);
  if (!/^https?:/i.test(url)) {
    return { ok: false, url, error: 'not an http(s) or blob: URL', fetched_at };
  }
  try {
    // 'force-cache': the copy the browser already holds (what the page showed) when there is one.
    const res = await fetch(url, {
      credentials: 'include',
      cache: 'force-cache',
      redirect: 'follow',
      signal: AbortSignal.timeout(60_000),
    });
    const headers = [...res.headers.entries()];
    if (!res.ok)
      return {
        ok: false,
        url,
        status: res.status,
        error: `HTTP ${res.status} ${res.statusText}`.trim(),
        fetched_at,
      };
    const length = Number(res.headers.get('content-length') ?? '0');
    if (length > MEDIA_LIMIT)
      return {
        ok: false,
        url,
        status: res.status,
        error: `larger than the ${MEDIA_LIMIT / 1024 / 1024} MiB limit`,
        fetched_at,
      };
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { ok: true, url, bytes, status: res.status, headers, fetched_at };
  } catch (e) {
    // Under activeTab alone the photos' own host (a CDN) is out of reach: the item says so.
    const why = await missingAccess(url, pageUrl);
    return { ok: false, url, error: describe(e) + (why ? ` (${why})` : ''), fetched_at };
  }
}

/**
 * A web client shows media from blob: URLs: files it downloaded and holds in the page's memory.
 * Only the page (and so our content script) can read them; the bytes are what the client holds.
 */
async function fromBlob(
  url: string,
  readBlob: BlobReader,
  fetched_at: string,
): Promise<FetchedFile> {
  const a = await readBlob(url).catch((e: unknown) => ({ error: describe(e) }));
  if (!a) return { ok: false, url, error: 'the page did not answer for its blob: URL', fetched_at };
  if ('error' in a) return { ok: false, url, error: a.error, fetched_at };
  const bin = atob(a.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return {
    ok: true,
    url,
    bytes,
    headers: a.type ? [['content-type', a.type]] : [],
    fetched_at,
    via: "read by the extension's content script from the page's blob: URL (the file as the web client holds it in memory; no HTTP response, so no status or server headers)",
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
