/** Fetching a post's media in the background: exact bytes and response headers, or why not. */
import type { FetchedFile, MediaInput } from '@/utils/capture/telegram-build';
import type { TelegramPost } from '@/utils/telegram';

const MEDIA_LIMIT = 512 * 1024 * 1024;

/** Photos as exact bytes; videos as URL plus poster image (their bytes wait for the media path). */
export async function fetchMedia(post: TelegramPost, pageUrl: string): Promise<MediaInput[]> {
  return Promise.all(
    post.media.map(async (media): Promise<MediaInput> => {
      const out: MediaInput = { media };
      if (media.type === 'photo' && media.url) out.file = await fetchFile(media.url, pageUrl);
      if (media.poster_url) out.poster = await fetchFile(media.poster_url, pageUrl);
      return out;
    }),
  );
}

async function fetchFile(raw: string, pageUrl: string): Promise<FetchedFile> {
  const fetched_at = new Date().toISOString();
  let url: string;
  try {
    url = new URL(raw, pageUrl).href;
  } catch {
    return { ok: false, url: raw, error: 'not a valid URL', fetched_at };
  }
  if (!/^https?:/i.test(url)) {
    // A web client's blob: URL belongs to the page; the background cannot read it.
    return {
      ok: false,
      url,
      error:
        'not an http(s) URL: the page holds this file in its own memory (blob:), which the extension cannot fetch yet',
      fetched_at,
    };
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
    return { ok: false, url, error: describe(e), fetched_at };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
