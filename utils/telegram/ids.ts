/**
 * Message and channel ids as the web clients print them.
 *
 * web.telegram.org/k/ (morethanwords/tweb) does not put the server message id in `data-mid`:
 * `src/lib/appManagers/utils/messageId/{index,generateMessageId,clearMessageId}.ts` map a server
 * id `n` to `0xFFFFFFFF + n * 0x10000`; ids below `0xFFFFFFFF` are "legacy" and equal the server
 * id; a mid whose low 16 bits are not all ones is a local (not yet sent) message. So
 * `data-mid="8144224255"` is server message 58735. Channel peers are negative (`data-peer-id="-1234"`,
 * channel id 1234).
 *
 * web.telegram.org/a/ (Ajaxy/telegram-tt) puts the server id itself in `data-message-id`
 * (`Message.tsx`), and channel chat ids are `-100<channel id>`.
 */

const MID_OFFSET = 0xffffffff;
const MID_INCREMENT = 0x10000;

/** The server message id behind a tweb `data-mid`; undefined for local or malformed mids. */
export function webkServerId(mid: string | null | undefined): number | undefined {
  if (!mid || !/^\d+$/.test(mid.trim())) return undefined;
  const n = Number(mid);
  if (!Number.isSafeInteger(n) || n <= 0) return undefined;
  if (n < MID_OFFSET) return n;
  // Arithmetic, not bit operators: these numbers pass 2^32.
  if ((n - MID_OFFSET) % MID_INCREMENT !== 0) return undefined;
  const id = (n - MID_OFFSET) / MID_INCREMENT;
  return id > 0 ? id : undefined;
}

/** Channel id from a tweb peer id (`-1234` → `1234`); undefined for users (positive ids). */
export function webkChannelId(peerId: string | null | undefined): string | undefined {
  const m = /^-(\d+)$/.exec((peerId ?? '').trim());
  return m?.[1];
}

/** Channel id from a telegram-tt chat id (`-1001234` → `1234`); undefined otherwise. */
export function webaChannelId(chatId: string | null | undefined): string | undefined {
  const m = /^-100(\d+)$/.exec((chatId ?? '').trim());
  return m?.[1];
}

/**
 * What a web client's URL fragment names: `#@durov` → username, `#-1001234` (a) or `#-1234` (k)
 * → a numeric peer. Both clients use the fragment as their router.
 */
export function clientHashTarget(url: string | undefined): { username?: string; peer?: string } {
  if (!url) return {};
  let hash: string;
  try {
    hash = decodeURIComponent(new URL(url).hash.slice(1));
  } catch {
    return {};
  }
  const user = /^@([A-Za-z0-9_]{3,})/.exec(hash);
  if (user?.[1]) return { username: user[1] };
  const peer = /^(-?\d+)(?:[_?/].*)?$/.exec(hash);
  return peer?.[1] ? { peer: peer[1] } : {};
}
