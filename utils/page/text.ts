/**
 * Plain text of a page or an article, for detection, search and digests. It imitates innerText
 * without layout: reading innerText on a 30 MB page forces a full layout and can take seconds,
 * and it would differ between browsers; a DOM walk is fast and deterministic.
 */

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
]);
// Blocks that innerText separates by a blank line, and those it separates by a line break.
const PARAGRAPH = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'table',
  'figure',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'address',
  'hr',
  'details',
  'fieldset',
  'form',
]);
const LINE = new Set([
  'div',
  'li',
  'tr',
  'dt',
  'dd',
  'figcaption',
  'caption',
  'summary',
  'option',
  'legend',
  'center',
  'tbody',
  'thead',
  'tfoot',
  'body',
]);
const WS = /\s+/g;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const DEFAULT_MAX = 2_000_000;

/**
 * Text of `root` with whitespace collapsed inside each block, blocks separated by `\n` and
 * paragraphs by `\n\n`. Stops once `maxChars` characters are reached.
 */
export function blockText(root: Node, maxChars = DEFAULT_MAX): string {
  const parts: string[] = [];
  let line = '';
  let pending = 0; // strongest break seen since the last text: 0 none, 1 line, 2 paragraph
  let total = 0;
  let pre = 0;
  const flush = (level: number): void => {
    const t = line.replace(WS, ' ').trim();
    line = '';
    if (t) {
      if (parts.length > 0) parts.push(pending >= 2 ? '\n\n' : '\n');
      parts.push(t);
      total += t.length;
      pending = 0;
    }
    if (level > pending) pending = level;
  };
  // An explicit walk rather than recursion: a deeply nested page must not overflow the stack,
  // and leaving a block is when its text is complete.
  let node: Node | null = root.firstChild;
  while (node && total < maxChars) {
    let descend = false;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (pre > 0 && data.includes('\n')) {
        const lines = data.split('\n');
        lines.forEach((l, i) => {
          if (i > 0) flush(1);
          line += l;
        });
      } else line += data;
      if (line.length > maxChars * 2) flush(1);
    } else if (node.nodeType === 1) {
      const el = node as Element;
      const name = el.localName;
      if (!SKIP.has(name) && !isHidden(el)) {
        if (name === 'br') flush(1);
        else {
          if (name === 'td' || name === 'th') line += ' ';
          else if (PARAGRAPH.has(name)) flush(2);
          else if (LINE.has(name)) flush(1);
          if (name === 'pre') pre++;
          descend = el.firstChild !== null;
        }
        if (!descend) leave(el);
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && node.nodeType === 1) leave(node as Element);
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  flush(0);
  const text = parts.join('');
  return text.length > maxChars ? text.slice(0, maxChars) : text;

  function leave(el: Element): void {
    const name = el.localName;
    if (PARAGRAPH.has(name)) flush(2);
    else if (LINE.has(name)) flush(1);
    if (name === 'pre' && pre > 0) pre--;
  }
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/** innerText-like text of the body (the whole document when there is no body), capped. */
export function visibleText(doc: Document, maxChars = DEFAULT_MAX): string {
  const root = doc.body ?? doc.documentElement;
  return root ? blockText(root, maxChars) : '';
}

/** Canonical form of a text for digests: NFC, every whitespace run one space, trimmed. */
export function normalizeForDigest(text: string): string {
  return text.normalize('NFC').replace(WS, ' ').trim();
}

/**
 * Normalizes a language tag to its BCP 47 primary subtag (`ru-RU` → `ru`), or undefined when it
 * is not one. `ua` is the country code many Ukrainian sites write by mistake: it means `uk`.
 */
export function normalizeLang(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const primary =
    tag
      .trim()
      .split(/[-_,;\s]/)[0]
      ?.toLowerCase() ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return undefined;
  return primary === 'ua' ? 'uk' : primary;
}

/** The page's declared language: `<html lang>` (or `xml:lang`), then Content-Language. */
export function detectLangHint(doc: Document): string | undefined {
  const root = doc.documentElement;
  const fromRoot = normalizeLang(root?.getAttribute('lang') ?? root?.getAttribute('xml:lang'));
  if (fromRoot) return fromRoot;
  const metas = doc.getElementsByTagName('meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i];
    if (m?.getAttribute('http-equiv')?.toLowerCase() === 'content-language') {
      const lang = normalizeLang(m.getAttribute('content'));
      if (lang) return lang;
    }
  }
  return undefined;
}
