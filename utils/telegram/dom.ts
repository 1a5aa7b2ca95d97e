/**
 * Small DOM and string helpers shared by the Telegram parsers. Everything here takes elements
 * or strings as parameters and reads no globals, so it runs the same in a content script and
 * under happy-dom in Node.
 */

/** True when `el` has every class token in `names` (whole tokens, not substrings). */
export function hasClass(el: Element, ...names: string[]): boolean {
  return names.every((n) => el.classList.contains(n));
}

/**
 * True when `el` lies inside an element matching `selector` that is itself inside `root`
 * (excluding `root`). Used to keep a reply quote's or a hidden fallback's text out of a post.
 */
export function isInsideWithin(el: Element, root: Element, selector: string): boolean {
  for (let p = el.parentElement; p && p !== root; p = p.parentElement) {
    if (p.matches(selector)) return true;
  }
  return false;
}

/** Elements under `root` matching `selector`, minus those inside any `exclude` subtree. */
export function queryOwn(root: Element, selector: string, exclude: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter(
    (el) => !isInsideWithin(el, root, exclude),
  );
}

/** First element under `root` matching `selector` outside the `exclude` subtrees. */
export function firstOwn(root: Element, selector: string, exclude: string): Element | undefined {
  return queryOwn(root, selector, exclude)[0];
}

/** Text content on one line: whitespace (including no-break spaces) collapsed, trimmed; undefined when empty. */
export function oneLine(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  const s = (el.textContent ?? '').replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim();
  return s === '' ? undefined : s;
}

const BG_URL = /background-image\s*:\s*url\(\s*(['"]?)(.*?)\1\s*\)/i;

/** The URL in an inline `background-image:url(...)`, made absolute; undefined when absent. */
export function backgroundUrl(el: Element | null | undefined, base?: string): string | undefined {
  const style = el?.getAttribute('style') ?? '';
  const m = BG_URL.exec(style);
  return m?.[2] ? absoluteUrl(m[2], base) : undefined;
}

/** A numeric inline style property (`width:600px` → 600, `padding-top:75%` → 75). */
export function styleNumber(el: Element | null | undefined, prop: string): number | undefined {
  const style = el?.getAttribute('style') ?? '';
  const m = new RegExp(`(?:^|;|\\s)${prop}\\s*:\\s*([\\d.]+)(?:px|%)?`, 'i').exec(style);
  const n = m?.[1] ? Number(m[1]) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Resolves a page URL: protocol-relative and relative URLs against `base`; `data:` URLs (generated
 * placeholders, never a file) become undefined; unparsable strings are kept as written.
 */
export function absoluteUrl(raw: string | null | undefined, base?: string): string | undefined {
  const v = raw?.trim();
  if (!v || v.toLowerCase().startsWith('data:')) return undefined;
  try {
    return new URL(v.startsWith('//') ? `https:${v}` : v, base).href;
  } catch {
    return v;
  }
}

/** `1:16` → 76, `01:02:03` → 3723; undefined for anything else (`GIF`). */
export function parseDuration(text: string | null | undefined): number | undefined {
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec((text ?? '').trim());
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

const SUFFIX: Record<string, number> = { k: 1e3, к: 1e3, m: 1e6, м: 1e6, b: 1e9 };

/**
 * Telegram's view counters: `4.4K` → 4400, `12.3M` → 12300000, `1,234` → 1234, `1 234` → 1234.
 * With a suffix a comma is a decimal mark (`1,2K`); without one it separates thousands.
 */
export function parseCount(raw: string | null | undefined): number | undefined {
  const s = (raw ?? '').replace(/[\s\u00a0\u202f\u2009]+/g, '').trim();
  const m = /^(\d+(?:[.,]\d+)*)([kKmMbBкКмМ]?)$/.exec(s);
  if (!m?.[1]) return undefined;
  const suffix = m[2]?.toLowerCase() ?? '';
  let n: number;
  if (suffix) {
    n = Number(m[1].replace(',', '.')) * (SUFFIX[suffix] ?? 1);
  } else {
    if (!/^\d{1,3}(?:[.,]\d{3})*$|^\d+$/.test(m[1])) return undefined;
    n = Number(m[1].replace(/[.,]/g, ''));
  }
  return Number.isFinite(n) ? Math.round(n) : undefined;
}

/** Escapes a value for a double-quoted CSS attribute selector. */
export function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\a ')}"`;
}

/** `https://t.me/<channel>/<id>` (and `t.me/s/...`, `telegram.me`, `?single`) → parts; undefined otherwise. */
export function parsePostLink(
  href: string | null | undefined,
): { channel: string; postId: number } | undefined {
  const m =
    /^(?:https?:)?\/\/(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/(?:s\/)?(c\/\d+|[A-Za-z0-9_]+)\/(\d+)/i.exec(
      (href ?? '').trim(),
    );
  if (!m?.[1] || !m[2]) return undefined;
  const postId = Number(m[2]);
  return postId > 0 ? { channel: m[1], postId } : undefined;
}

/** The public permalink of a post. */
export function permalinkOf(channel: string, postId: number): string {
  return `https://t.me/${channel}/${postId}`;
}

/** Copies `o` without keys whose value is undefined (stored records stay compact and comparable). */
export function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
