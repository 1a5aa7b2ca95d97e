/**
 * The HTML snapshot: the page as the monitor saw it (the rendered DOM, not the HTML as served),
 * made safe to open and self-contained in its references, with every change written down as
 * the Berkeley Protocol asks. Runs in a content script on hostile pages: it never changes the
 * live page and never lets one bad node fail the capture.
 */
import type { Snapshot } from './schema';
import {
  newStats,
  processTree,
  rulesText,
  type WalkContext,
  type WalkStats,
} from './snapshot-walk';
import { absolutizeCss } from './urls';

export type { Snapshot } from './schema';

/** Thrown when the serialized snapshot is larger than the caller allowed. */
export class SnapshotTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`HTML snapshot is ${bytes} bytes, more than the ${maxBytes} allowed`);
    this.name = 'SnapshotTooLargeError';
  }
}

// Defence in depth for whoever opens the evidence later: anything the cleaning missed (an SVG
// animation setting a javascript: href, say) still cannot run.
const CSP = "script-src 'none'; object-src 'none'";

/**
 * Serializes the rendered DOM of `doc` as a standalone UTF-8 HTML document.
 * Removes scripts (JSON-LD kept), inline handlers, `javascript:` URLs, meta refresh and `<base>`;
 * makes relative URLs absolute; writes form state into attributes; writes open shadow roots as
 * declarative shadow DOM. Throws `SnapshotTooLargeError` only when `opts.maxBytes` is exceeded:
 * a truncated snapshot would be worse evidence than none.
 */
export function snapshotDocument(
  doc: Document,
  opts: { maxBytes?: number; isOwnUi?: (el: Element) => boolean } = {},
): Snapshot {
  const root = doc.documentElement;
  if (!root) {
    return {
      html: '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body></body></html>',
      alterations: ['the page had no root element: an empty document was written'],
    };
  }
  // Cloning into a document without a browsing context means nothing in the copy loads (images
  // whose src we rewrite), runs, or upgrades (custom element constructors are page code).
  const inert = doc.implementation.createHTMLDocument('');
  const clone = inert.importNode(root, true);
  const ctx: WalkContext = {
    base: doc.baseURI || doc.URL,
    inert,
    stats: newStats(),
    removals: [],
    shadows: [],
    noscripts: [],
    ...(opts.isOwnUi ? { isOwnUi: opts.isOwnUi } : {}),
  };
  processTree(ctx, root, clone);
  finishStructure(ctx, doc, clone);
  const html = `<!DOCTYPE html>\n${clone.outerHTML}`;
  if (opts.maxBytes !== undefined) checkSize(html, opts.maxBytes);
  return { html, alterations: describe(ctx.stats, ctx.base) };
}

/** Applies the structural changes queued during the walk, then fixes up the head. */
function finishStructure(ctx: WalkContext, doc: Document, clone: Element): void {
  for (const node of ctx.removals) node.parentNode?.removeChild(node);
  for (const { host, template } of ctx.shadows) host.insertBefore(template, host.firstChild);
  for (const el of ctx.noscripts) reparseNoscript(ctx, el);
  const head = findOrMakeHead(ctx.inert, clone);
  addAdoptedSheets(ctx, doc, head);
  const csp = ctx.inert.createElement('meta');
  csp.setAttribute('http-equiv', 'Content-Security-Policy');
  csp.setAttribute('content', CSP);
  let charset = ctx.stats.hasUtf8Charset ? findCharsetMeta(head) : null;
  if (!charset) {
    charset = ctx.inert.createElement('meta');
    charset.setAttribute('charset', 'utf-8');
    if (ctx.stats.hasUtf8Charset) ctx.stats.hasUtf8Charset = false; // declared outside <head>
    head.insertBefore(charset, head.firstChild);
  }
  // The charset declaration stays first: browsers look for it in the first 1024 bytes.
  head.insertBefore(csp, charset.nextSibling);
}

function findCharsetMeta(head: Element): Element | null {
  for (let c = head.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName !== 'meta') continue;
    if (c.hasAttribute('charset') || c.getAttribute('http-equiv')?.toLowerCase() === 'content-type')
      return c;
  }
  return null;
}

/**
 * With scripting on, the live page holds <noscript> content as raw text; the inert copy would
 * escape it on output. Parsing it back keeps the markup the page had and lets its URLs be fixed.
 */
function reparseNoscript(ctx: WalkContext, el: Element): void {
  try {
    el.innerHTML = el.textContent ?? '';
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) processTree(ctx, null, c);
    for (const node of ctx.removals) node.parentNode?.removeChild(node);
  } catch {
    ctx.stats.failed++;
  }
}

function findOrMakeHead(inert: Document, clone: Element): Element {
  for (let c = clone.firstElementChild; c; c = c.nextElementSibling) {
    if (c.localName === 'head') return c;
  }
  const head = inert.createElement('head');
  clone.insertBefore(head, clone.firstChild);
  return head;
}

/** Style sheets the page adopted by script have no element: write them as <style>. */
function addAdoptedSheets(ctx: WalkContext, doc: Document, head: Element): void {
  try {
    const sheets = doc.adoptedStyleSheets ?? [];
    for (const sheet of sheets) {
      const style = ctx.inert.createElement('style');
      style.textContent = absolutizeCss(rulesText(sheet.cssRules), ctx.base).value;
      head.appendChild(style);
      ctx.stats.adoptedSheets++;
    }
  } catch {
    ctx.stats.failed++;
  }
}

function checkSize(html: string, maxBytes: number): void {
  // UTF-8 takes at least one byte per UTF-16 unit and at most three: only encode when unsure.
  if (html.length * 3 <= maxBytes) return;
  const bytes = html.length > maxBytes ? html.length : new TextEncoder().encode(html).length;
  if (bytes > maxBytes) throw new SnapshotTooLargeError(bytes, maxBytes);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Turns the counters into the plain sentences stored with the evidence. */
function describe(s: WalkStats, base: string): string[] {
  const out = ['serialized from the rendered DOM at capture time, not from the HTML as served'];
  const add = (n: number, one: string, many: string, tail = ''): void => {
    if (n > 0) out.push(count(n, one, many) + tail);
  };
  add(s.scripts, 'script element removed', 'script elements removed');
  add(
    s.jsonLd,
    'JSON-LD script element kept',
    'JSON-LD script elements kept',
    ' (structured data, not code)',
  );
  add(
    s.handlers,
    'inline event handler attribute removed',
    'inline event handler attributes removed',
  );
  add(s.scriptUrls, 'javascript: URL removed', 'javascript: URLs removed');
  add(s.refreshes, 'meta refresh element removed', 'meta refresh elements removed');
  add(s.bases, 'base element removed', 'base elements removed', ` (URLs resolved against ${base})`);
  add(s.relative, 'relative URL made absolute', 'relative URLs made absolute');
  if (s.formFields > 0)
    out.push(
      `form field values written into attributes (${count(s.formFields, 'field', 'fields')})`,
    );
  add(s.passwords, 'password field value left out', 'password field values left out');
  add(
    s.srcdocs,
    'iframe srcdoc attribute removed',
    'iframe srcdoc attributes removed',
    ' (inline frame documents can hold scripts)',
  );
  add(
    s.shadowRoots,
    'open shadow root written',
    'open shadow roots written',
    ' as declarative shadow DOM (<template shadowrootmode="open">)',
  );
  add(
    s.adoptedSheets,
    'adopted style sheet written',
    'adopted style sheets written',
    ' as <style> elements',
  );
  add(
    s.cssomSheets,
    'style sheet written out',
    'style sheets written out',
    ' from rules inserted by script',
  );
  add(
    s.frames,
    'frame kept as a reference only',
    'frames kept as references only',
    ': frame contents are not in this snapshot',
  );
  if (s.charsetReplaced)
    out.push(
      `character set declaration "${s.charsetReplaced}" replaced by UTF-8, the encoding of the snapshot`,
    );
  else if (!s.hasUtf8Charset) out.push('<meta charset="utf-8"> added');
  out.push(
    `<meta http-equiv="Content-Security-Policy" content="${CSP}"> added so nothing in the saved file can run`,
  );
  if (s.desync)
    out.push(
      'the page changed during the snapshot: form state and shadow roots were read only up to that point',
    );
  add(
    s.ownUi,
    'element added by Protokol left out',
    'elements added by Protokol left out',
    ' (its own controls on the page: they were not part of the page)',
  );
  add(
    s.failed,
    'element could not be processed and was left as it was',
    'elements could not be processed and were left as they were',
  );
  return out;
}
