/**
 * The opt-in second-path check for posts clipped in a web client: fetch the post's public embed
 * from t.me (no cookies), keep it, and compare it with what the client showed. Off by default:
 * it tells t.me (and the network) the user's IP address and which post was looked at.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import type { TelegramBuildInput } from '@/utils/capture/telegram-build';
import { compareWithEmbed, embedUrl } from '@/utils/capture/telegram-second-path';
import { SECOND_PATH_KEY } from '@/utils/protocol-telegram';
import { TelegramPost } from '@/utils/telegram';

const EMBED_LIMIT = 8 * 1024 * 1024;

export async function secondPathCheck(
  tabId: number,
  post: TelegramPost,
): Promise<TelegramBuildInput['secondPath']> {
  const url = embedUrl(post);
  if (!url) return undefined;
  const on = (await browser.storage.local.get(SECOND_PATH_KEY))[SECOND_PATH_KEY] === true;
  if (!on) return undefined;
  const fetched_at = new Date().toISOString();
  try {
    const res = await fetch(url, {
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      signal: AbortSignal.timeout(20_000),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const html = { bytes, media_type: res.headers.get('content-type') ?? 'text/html' };
    const base = { url, fetched_at, status: res.status };
    if (!res.ok) return { result: { ...base, error: `HTTP ${res.status}` }, html };
    if (bytes.byteLength > EMBED_LIMIT)
      return { result: { ...base, error: 'the page is too large' } };
    const raw = await sendMessage(
      'telegramParseEmbed',
      { html: new TextDecoder().decode(bytes), url },
      { tabId, frameId: 0 },
    ).catch(() => null);
    const parsed = raw ? TelegramPost.safeParse(raw) : null;
    return { result: compareWithEmbed(post, parsed?.success ? parsed.data : null, base), html };
  } catch (e) {
    return { result: { url, fetched_at, error: e instanceof Error ? e.message : String(e) } };
  }
}
