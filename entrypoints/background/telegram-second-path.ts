/**
 * The opt-in second-path check for posts clipped in a web client: fetch the post's public embed
 * from t.me (no cookies), keep it, and compare it with what the client showed. Off by default:
 * it tells t.me (and the network) the user's IP address and which post was looked at.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import type { TelegramBuildInput } from '@/utils/capture/telegram-build';
import {
  compareWithEmbed,
  embedUrl,
  embedUrlOfSource,
  recheckOutcome,
} from '@/utils/capture/telegram-second-path';
import type { TelegramRecheckAnswer } from '@/utils/protocol';
import { SECOND_PATH_KEY } from '@/utils/protocol-telegram';
import { isQuotaError, recheckBasis, recordRecheck, type EvidenceDb } from '@/utils/store';
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

/**
 * A later re-check of a saved post, when the user presses "Re-check on t.me" in the library
 * (the press is the consent: the request tells t.me the user's IP address and which post).
 * The embed is fetched now, parsed by the library page that asked (the worker has no DOMParser;
 * the same parser and layout as the clip-time check), compared with the saved text and date,
 * and recorded: the embed as `embed-recheck-<n>.html` with one `rechecked` custody event, or,
 * when t.me could not be reached, the event with its error and no artifact.
 */
export async function recheckPost(db: EvidenceDb, itemId: string): Promise<TelegramRecheckAnswer> {
  const item = await db.items.get(itemId);
  if (!item || item.kind !== 'telegram_post') return { ok: false, error: { code: 'errTgNoEmbed' } };
  const url = embedUrlOfSource(item.source);
  const basis = url ? await recheckBasis(db, item) : null;
  if (!url || !basis) return { ok: false, error: { code: 'errTgNoEmbed' } };
  const fetched_at = new Date().toISOString();
  const base = { url, fetched_at };
  let outcome;
  let html: { bytes: Uint8Array; media_type: string } | undefined;
  try {
    const res = await fetch(url, {
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      signal: AbortSignal.timeout(20_000),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!res.ok) {
      outcome = recheckOutcome(
        basis,
        { ok: false, status: res.status, error: `HTTP ${res.status}` },
        base,
      );
    } else if (bytes.byteLength > EMBED_LIMIT) {
      outcome = recheckOutcome(
        basis,
        { ok: false, status: res.status, error: 'the page is too large' },
        base,
      );
    } else {
      html = { bytes, media_type: res.headers.get('content-type') ?? 'text/html' };
      let raw: unknown;
      try {
        raw = await sendMessage('parseTelegramEmbedPage', {
          html: new TextDecoder().decode(bytes),
          url,
        });
      } catch (e) {
        // No library page answered: nothing is recorded, the user can try again.
        return {
          ok: false,
          error: { code: 'errTgRecheckParse', params: { detail: describe(e) } },
        };
      }
      const parsed = raw ? TelegramPost.safeParse(raw) : null;
      if (parsed && !parsed.success)
        return {
          ok: false,
          error: { code: 'errTgRecheckParse', params: { detail: parsed.error.message } },
        };
      outcome = recheckOutcome(
        basis,
        { ok: true, status: res.status, embed: parsed?.data ?? null },
        base,
      );
    }
  } catch (e) {
    outcome = recheckOutcome(basis, { ok: false, error: describe(e) }, base);
  }
  try {
    const record = await recordRecheck(db, itemId, outcome, html);
    return { ok: true, result: outcome.result, seq: record.seq };
  } catch (e) {
    return {
      ok: false,
      error: isQuotaError(e)
        ? { code: 'errQuota' }
        : { code: 'errUnknown', params: { detail: describe(e) } },
    };
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
