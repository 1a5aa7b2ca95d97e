/**
 * The page's visible text as one string, with the map from string offsets back to text nodes,
 * so the passages `detect()` reports can be turned into DOM Ranges and highlighted.
 *
 * Pure apart from the DOM it is given (the document is a parameter, no globals): it runs in the
 * content script and in happy-dom tests. The walk is incremental, `step()` stops when the caller's
 * budget is spent, so a long page never holds the page's main thread in one long task.
 *
 * Offsets are kept 1:1 with the nodes' characters: whitespace is turned into spaces of the same
 * length (source line breaks inside a paragraph must not end a sentence), a whitespace-only node
 * counts as at most one space, and a line break is put between blocks (outside every node).
 */

/** One text node's share of the text: `text.slice(start, start + length)` is its data (spaces folded). */
export interface TextMapEntry {
  node: Text;
  start: number;
  length: number;
}

/** The page text and where each piece of it came from. */
export interface TextMap {
  text: string;
  entries: TextMapEntry[];
  /** True when the walk stopped at the character cap. */
  truncated: boolean;
}

/** Options of {@link createTextWalk}. */
export interface TextWalkOptions {
  /** Stop once the text is this long (the engine analyses at most 600 000 characters). */
  maxChars?: number;
  /** True for an element whose subtree is not shown (e.g. `display: none`); checked once per element. */
  isHidden?: (el: Element) => boolean;
}

/** An incremental walk over a subtree's text nodes. */
export interface TextWalk {
  /** Walk until done or `outOfTime()` says stop; true when the whole subtree has been read. */
  step(outOfTime: () => boolean): boolean;
  result(): TextMap;
}

export const DEFAULT_MAX_CHARS = 600_000;

const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'SVG',
  'svg',
  'MATH',
  'TEXTAREA',
  'SELECT',
  'HEAD',
]);
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
  'CAPTION',
  'BUTTON',
  'LABEL',
  'OPTION',
]);

/** Start an incremental walk over `root`'s visible text. */
export function createTextWalk(root: Element, opts: TextWalkOptions = {}): TextWalk {
  const max = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const doc = root.ownerDocument;
  // NodeFilter constants, spelled out: the global may not exist where this runs (Node).
  const SHOW_ELEMENT = 0x1;
  const SHOW_TEXT = 0x4;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode: (n) => {
      if (n.nodeType !== 1) return 1; // FILTER_ACCEPT
      const el = n as Element;
      if (SKIP.has(el.tagName) || el.hasAttribute('hidden') || opts.isHidden?.(el)) return 2; // FILTER_REJECT: skip the subtree
      return 1;
    },
  });
  const parts: string[] = [];
  const entries: TextMapEntry[] = [];
  let length = 0;
  let last = '\n'; // the last character appended
  let lastBlock: Element | null = null;
  let pendingBreak = false;
  let done = false;
  let truncated = false;
  const blockOf = (el: Element | null): Element | null => {
    for (let e = el; e; e = e.parentElement) if (BLOCK.has(e.tagName)) return e;
    return null;
  };
  const append = (s: string) => {
    parts.push(s);
    length += s.length;
    last = s[s.length - 1] ?? last;
  };

  return {
    step(outOfTime) {
      let n = 0;
      while (!done) {
        if (++n % 64 === 0 && outOfTime()) return false;
        const node = walker.nextNode();
        if (!node) {
          done = true;
          break;
        }
        if (node.nodeType === 1) {
          if ((node as Element).tagName === 'BR') pendingBreak = true;
          continue;
        }
        const t = node as Text;
        const data = t.data;
        if (!data) continue;
        const block = blockOf(t.parentElement);
        if ((block !== lastBlock || pendingBreak) && last !== '\n') append('\n');
        lastBlock = block;
        pendingBreak = false;
        if (!/\S/.test(data)) {
          if (last !== ' ' && last !== '\n') {
            entries.push({ node: t, start: length, length: 1 });
            append(' ');
          }
          continue;
        }
        const room = max - length;
        const piece = (data.length > room ? data.slice(0, room) : data).replace(/\s/g, ' ');
        entries.push({ node: t, start: length, length: piece.length });
        append(piece);
        if (length >= max) {
          truncated = data.length > room || walker.nextNode() !== null;
          done = true;
        }
      }
      return true;
    },
    result: () => ({ text: parts.join(''), entries, truncated }),
  };
}

/** Read the whole text at once (tests, short pages). */
export function readText(root: Element, opts: TextWalkOptions = {}): TextMap {
  const w = createTextWalk(root, opts);
  w.step(() => false);
  return w.result();
}

/** Index of the last entry starting at or before `offset` (-1 when none). */
function entryAt(entries: readonly TextMapEntry[], offset: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The DOM Range covering text offsets [start, end), or null when they fall outside the text or
 * the page has since removed the nodes.
 */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  if (end <= start || map.entries.length === 0) return null;
  let i = entryAt(map.entries, start);
  let startEntry = map.entries[i];
  let startOff = startEntry ? start - startEntry.start : 0;
  if (!startEntry || startOff >= startEntry.length) {
    // In a gap between blocks (or before the first node): begin at the next node.
    i += 1;
    startEntry = map.entries[i];
    startOff = 0;
  }
  const j = entryAt(map.entries, end - 1);
  const endEntry = map.entries[j];
  if (!startEntry || !endEntry || j < i) return null;
  const endOff = Math.min(end - endEntry.start, endEntry.length);
  if (!startEntry.node.isConnected || !endEntry.node.isConnected) return null;
  const range = startEntry.node.ownerDocument.createRange();
  try {
    range.setStart(startEntry.node, Math.min(startOff, startEntry.node.length));
    range.setEnd(endEntry.node, Math.min(endOff, endEntry.node.length));
  } catch {
    return null; // the page changed the nodes' text since the walk
  }
  return range;
}
