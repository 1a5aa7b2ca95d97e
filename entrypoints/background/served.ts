/**
 * Fetch the page again "as served": the bytes the server sends for the URL, with the
 * user's cookies, and the response headers, exactly as received.
 */
export interface Served {
  bytes: Uint8Array;
  status: number;
  status_text: string;
  final_url: string;
  redirected: boolean;
  headers: Array<[string, string]>;
  fetched_at: string;
  cache_mode: RequestCache;
  /** Set (to 'omit') only for a page in a private window: fetched without any cookies. */
  credentials?: 'omit';
}

/** Largest served document we keep; larger ones are recorded as truncated, never silently. */
export const SERVED_LIMIT = 128 * 1024 * 1024;

export async function fetchAsServed(
  url: string,
  signal?: AbortSignal,
  privateWindow = false,
): Promise<Served & { truncated: boolean }> {
  // 'force-cache' returns the copy the browser already holds when there is one, which is the
  // closest to what the page actually received; otherwise it goes to the network.
  // A page in a private window: this worker's requests go through the normal profile, whose
  // cache would keep the page on disk and whose cookie jar is not the private window's. So
  // neither the cache nor cookies (measured: e2e/incognito.e2e.ts).
  const cache_mode: RequestCache = privateWindow ? 'no-store' : 'force-cache';
  const fetched_at = new Date().toISOString();
  const res = await fetch(url, {
    credentials: privateWindow ? 'omit' : 'include',
    cache: cache_mode,
    redirect: 'follow',
    signal,
  });
  const parts: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > SERVED_LIMIT) {
        truncated = true;
        await reader.cancel();
        break;
      }
      parts.push(value);
      size += value.byteLength;
    }
  }
  const bytes = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    bytes.set(p, off);
    off += p.byteLength;
  }
  return {
    bytes,
    truncated,
    status: res.status,
    status_text: res.statusText,
    final_url: res.url,
    redirected: res.redirected,
    headers: [...res.headers.entries()],
    fetched_at,
    cache_mode,
    ...(privateWindow ? { credentials: 'omit' as const } : {}),
  };
}
