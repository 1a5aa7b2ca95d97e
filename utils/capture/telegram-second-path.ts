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
