/**
 * The second-path check of a post clipped in a web client (opt-in: it makes a request to t.me):
 * the post's public embed page (`t.me/<channel>/<id>?embed=1`) is fetched by the extension,
 * kept as an artifact, and compared with what the client showed. Pure: the background fetches,
 * the content script parses the embed; this says where to look and whether the two agree.
 */
import type { TelegramPost } from '../telegram';

/** What the check found, recorded in capture.json (`second_path`) and in the alterations. */
export interface SecondPathResult {
  url: string;
  fetched_at: string;
  status?: number;
  /** Set when the embed could not be fetched or read. */
  error?: string;
  /** The embed shows no post (deleted, or never public). */
  missing?: boolean;
  text_agrees?: boolean;
  date_agrees?: boolean;
  embed?: { text: string; published_at?: string };
}

/** The public embed URL of a web-client post, or null when it has none (no public username). */
export function embedUrl(post: TelegramPost): string | null {
  if (post.adapter !== 'webk' && post.adapter !== 'weba') return null;
  if (!/^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(post.channel)) return null;
  return `https://t.me/${post.channel}/${post.post_id}?embed=1`;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Compare the client's post with the embed's (null: the embed shows no post). */
export function compareWithEmbed(
  post: TelegramPost,
  embed: TelegramPost | null,
  base: { url: string; fetched_at: string; status?: number },
): SecondPathResult {
  if (!embed || embed.post_id !== post.post_id) return { ...base, missing: true };
  return {
    ...base,
    text_agrees: norm(embed.text) === norm(post.text),
    date_agrees:
      post.published_at !== undefined && embed.published_at !== undefined
        ? post.published_at === embed.published_at
        : undefined,
    embed: { text: embed.text, published_at: embed.published_at },
  };
}

/** One line for the item's alterations. */
export function secondPathNote(r: SecondPathResult): string {
  const head = `second-path check: the public embed ${r.url} was fetched by the extension at ${r.fetched_at}`;
  if (r.error) return `${head}, but could not be used: ${r.error}`;
  if (r.missing) return `${head}; it shows no such post (deleted, or not public)`;
  const text = r.text_agrees
    ? 'the text agrees'
    : 'the text DIFFERS from what the web client showed';
  const date =
    r.date_agrees === undefined
      ? 'the dates could not both be read'
      : r.date_agrees
        ? 'the date agrees'
        : 'the date DIFFERS';
  return `${head}; ${text}; ${date} (embed.html)`;
}

/** A channel's public username (what t.me URLs use); private chats have none. */
const PUBLIC_USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/**
 * The public embed URL of a saved `telegram_post` item, from its `source` (channel and post id),
 * whatever layout it was clipped from; null when the post has no public address.
 */
export function embedUrlOfSource(source: Record<string, unknown>): string | null {
  const { channel, post_id } = source;
  if (typeof channel !== 'string' || !PUBLIC_USERNAME.test(channel)) return null;
  if (typeof post_id !== 'number' || !Number.isSafeInteger(post_id) || post_id <= 0) return null;
  return `https://t.me/${channel}/${post_id}?embed=1`;
}

/** What a later re-check found about a saved post. */
export type RecheckResult = 'unchanged' | 'edited' | 'deleted' | 'unreachable';

/** The data of a `rechecked` custody event, except the artifact list (the store adds it). */
export interface RecheckOutcome {
  url: string;
  fetched_at: string;
  status?: number;
  result: RecheckResult;
  text_agrees?: boolean;
  date_agrees?: boolean;
  /** Why the embed could not be fetched or used ('unreachable'). */
  error?: string;
}

/**
 * Decide what a re-check found: `stored` is the post as saved (its exact text, `post.txt`, and
 * `source.published_at`), `embed` what the embed fetched now shows (null: no post there).
 * A failed fetch or a non-2xx answer is 'unreachable' (the embed says nothing about the post);
 * an embed that cannot show the post ("open Telegram to view") is 'unreachable' too;
 * no post, or another post, is 'deleted'; a different text or date is 'edited'. A date that
 * cannot be read on both sides is not counted as a difference.
 */
export function recheckOutcome(
  stored: { post_id: number; text: string; published_at?: string | null },
  fetched:
    | { ok: true; status: number; embed: TelegramPost | null }
    | { ok: false; status?: number; error: string },
  base: { url: string; fetched_at: string },
): RecheckOutcome {
  if (!fetched.ok) {
    return {
      ...base,
      ...(fetched.status !== undefined ? { status: fetched.status } : {}),
      result: 'unreachable',
      error: fetched.error,
    };
  }
  const { embed, status } = fetched;
  if (!embed || embed.post_id !== stored.post_id) return { ...base, status, result: 'deleted' };
  if (embed.unsupported) {
    // "Open Telegram to view": the embed does not show the post's content, so says nothing.
    const why = embed.unsupported_reason ? ` (${embed.unsupported_reason})` : '';
    return {
      ...base,
      status,
      result: 'unreachable',
      error: `the embed does not show this post's content${why}`,
    };
  }
  const text_agrees = norm(embed.text) === norm(stored.text);
  const date_agrees =
    stored.published_at && embed.published_at
      ? Date.parse(stored.published_at) === Date.parse(embed.published_at)
      : undefined;
  return {
    ...base,
    status,
    result: text_agrees && date_agrees !== false ? 'unchanged' : 'edited',
    text_agrees,
    ...(date_agrees !== undefined ? { date_agrees } : {}),
  };
}
