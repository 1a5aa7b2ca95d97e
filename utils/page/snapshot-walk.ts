/**
 * The single pass of the snapshot: walks the clone and the live page side by side (the clone is
 * an exact copy, so two TreeWalkers stay in step) and cleans each cloned element. The live twin
 * is needed only for what cloning does not carry: form state, open shadow roots and style rules
 * inserted through the CSS object model.
 */
import { writeFormState } from './form-state';
import { absolutize, absolutizeCss, absolutizeSrcset, isScriptUrl } from './urls';

const SHOW_ELEMENT = 0x1;
const URL_ATTRS = new Set([
  'href',
  'src',
  'poster',
  'action',
  'formaction',
  'background',
  'xlink:href',
]);
const SRCSET_ATTRS = new Set(['srcset', 'imagesrcset']);

/** Counters that become the snapshot's list of alterations. */
export interface WalkStats {
  scripts: number;
  jsonLd: number;
  handlers: number;
  scriptUrls: number;
  refreshes: number;
  bases: number;
  relative: number;
  formFields: number;
  passwords: number;
  srcdocs: number;
  shadowRoots: number;
  adoptedSheets: number;
  cssomSheets: number;
  frames: number;
  /** Protokol's own controls in the page (utils/page/own-ui.ts), left out. */
  ownUi: number;
  failed: number;
  /** A charset the page declared other than UTF-8, replaced because the snapshot is UTF-8. */
  charsetReplaced?: string;
  hasUtf8Charset: boolean;
  desync: boolean;
}

/** Shared state of one snapshot. Structural changes are queued so the walkers stay in step. */
export interface WalkContext {
  base: string;
  /** A document without a browsing context: nothing in it loads, runs or upgrades. */
  inert: Document;
  stats: WalkStats;
  removals: Node[];
  shadows: Array<{ host: Element; template: HTMLTemplateElement }>;
  noscripts: Element[];
  /** True for an element of the LIVE page that Protokol itself added. */
  isOwnUi?: (el: Element) => boolean;
}

/** Fresh, zeroed counters. */
export function newStats(): WalkStats {
  return {
    scripts: 0,
    jsonLd: 0,
    handlers: 0,
    scriptUrls: 0,
    refreshes: 0,
    bases: 0,
    relative: 0,
    formFields: 0,
    passwords: 0,
    srcdocs: 0,
    shadowRoots: 0,
    adoptedSheets: 0,
    cssomSheets: 0,
    frames: 0,
    ownUi: 0,
    failed: 0,
    hasUtf8Charset: false,
    desync: false,
  };
}

/** Walks `copy` (and `live`, its original, when known) and cleans every element under it. */
export function processTree(ctx: WalkContext, live: Node | null, copy: Node): void {
  if (copy.nodeType === 1) guarded(ctx, copy as Element, live as Element | null);
  const cw = ctx.inert.createTreeWalker(copy, SHOW_ELEMENT);
  const lw = live ? ownerOf(live).createTreeWalker(live, SHOW_ELEMENT) : null;
  let inStep = lw !== null;
  for (let c = cw.nextNode(); c; c = cw.nextNode()) {
    let l: Node | null = null;
    if (inStep && lw) {
      l = lw.nextNode();
      // The page cannot run between the clone and this walk, but stay safe if trees differ.
      if (!l || l.nodeName !== c.nodeName) {
        inStep = false;
        l = null;
        ctx.stats.desync = true;
      }
    }
    guarded(ctx, c as Element, l as Element | null);
  }
}

function ownerOf(node: Node): Document {
  return node.nodeType === 9 ? (node as Document) : (node.ownerDocument as Document);
}

function guarded(ctx: WalkContext, el: Element, live: Element | null): void {
  try {
    processElement(ctx, el, live);
  } catch {
    // One odd node (a hostile getter, an exotic namespace) must not cost the whole snapshot.
    ctx.stats.failed++;
  }
}

function processElement(ctx: WalkContext, el: Element, live: Element | null): void {
  const s = ctx.stats;
  const name = el.localName;
  if (live && ctx.isOwnUi?.(live)) {
    s.ownUi++;
    ctx.removals.push(el);
    return;
  }
  if (name === 'script') {
    // JSON-LD is data the page publishes about itself (dates, authors), never executed.
    if ((el.getAttribute('type') ?? '').toLowerCase().includes('ld+json')) s.jsonLd++;
    else {
      s.scripts++;
      ctx.removals.push(el);
    }
    return;
  }
  if (name === 'base') {
    s.bases++;
    ctx.removals.push(el);
    return;
  }
  if (name === 'meta' && processMeta(ctx, el)) return;
  if (name === 'iframe' || name === 'frame') s.frames++;
  if (el.hasAttributes()) processAttributes(ctx, el, name);
  if (name === 'style') rewriteStyleElement(ctx, el, live);
  else if (name === 'noscript' && el.childElementCount === 0 && el.textContent?.includes('<')) {
    ctx.noscripts.push(el);
  }
  if (!live) {
    if (name === 'template') processTree(ctx, null, (el as HTMLTemplateElement).content);
    return;
  }
  if (name === 'input' || name === 'textarea' || name === 'select')
    writeFormState(el, live, ctx.stats);
  else if (name === 'template') {
    processTree(ctx, (live as HTMLTemplateElement).content, (el as HTMLTemplateElement).content);
  }
  const root = live.shadowRoot;
  if (root) copyShadowRoot(ctx, el, root);
}

/** Returns true when the meta element was queued for removal. */
function processMeta(ctx: WalkContext, el: Element): boolean {
  const equiv = (el.getAttribute('http-equiv') ?? '').toLowerCase();
  if (equiv === 'refresh') {
    ctx.stats.refreshes++;
    ctx.removals.push(el);
    return true;
  }
  let charset = el.getAttribute('charset');
  if (charset === null && equiv === 'content-type') {
    charset = /charset\s*=\s*["']?([^"';\s]+)/i.exec(el.getAttribute('content') ?? '')?.[1] ?? null;
  }
  if (charset === null) return false;
  if (/^utf-?8$/i.test(charset.trim())) {
    ctx.stats.hasUtf8Charset = true;
    return false;
  }
  ctx.stats.charsetReplaced = charset.trim();
  ctx.removals.push(el);
  return true;
}

function processAttributes(ctx: WalkContext, el: Element, name: string): void {
  const s = ctx.stats;
  const attrs = el.attributes;
  const drop: string[] = [];
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (!a) continue;
    const key = a.name.toLowerCase();
    if (key.startsWith('on')) {
      s.handlers++;
      drop.push(a.name);
    } else if (key === 'srcdoc') {
      // A srcdoc frame is a whole document that may hold scripts; its HTML is not sanitized here.
      s.srcdocs++;
      drop.push(a.name);
    } else if (URL_ATTRS.has(key) || (key === 'data' && name === 'object')) {
      if (isScriptUrl(a.value)) {
        s.scriptUrls++;
        drop.push(a.name);
      } else {
        const r = absolutize(a.value, ctx.base);
        if (r.changed) a.value = r.value;
        s.relative += r.changed;
      }
    } else if (SRCSET_ATTRS.has(key)) {
      const r = absolutizeSrcset(a.value, ctx.base);
      if (r.changed) a.value = r.value;
      s.relative += r.changed;
    } else if (key === 'style') {
      const r = absolutizeCss(a.value, ctx.base);
      if (r.changed) a.value = r.value;
      s.relative += r.changed;
    }
  }
  for (const n of drop) el.removeAttribute(n);
}

function rewriteStyleElement(ctx: WalkContext, el: Element, live: Element | null): void {
  let css = el.textContent ?? '';
  const rules = live ? (live as HTMLStyleElement).sheet?.cssRules : undefined;
  // CSS-in-JS libraries insert rules with insertRule and leave the element empty: without the
  // rules the saved page would not look like the page the monitor saw.
  if (rules && rules.length > 0 && css.trim() === '') {
    css = rulesText(rules);
    ctx.stats.cssomSheets++;
  }
  const r = absolutizeCss(css, ctx.base);
  ctx.stats.relative += r.changed;
  if (r.value !== el.textContent) el.textContent = r.value;
}

/** The text of a rule list, as the browser would write it out. */
export function rulesText(rules: CSSRuleList): string {
  const parts: string[] = [];
  for (let i = 0; i < rules.length; i++) parts.push(rules[i]?.cssText ?? '');
  return parts.join('\n');
}

function copyShadowRoot(ctx: WalkContext, host: Element, root: ShadowRoot): void {
  const template = ctx.inert.createElement('template');
  template.setAttribute('shadowrootmode', 'open');
  if (root.delegatesFocus) template.setAttribute('shadowrootdelegatesfocus', '');
  const content = template.content;
  for (let c = root.firstChild; c; c = c.nextSibling)
    content.appendChild(ctx.inert.importNode(c, true));
  processTree(ctx, root, content);
  const sheets = root.adoptedStyleSheets ?? [];
  for (let i = sheets.length - 1; i >= 0; i--) {
    const sheet = sheets[i];
    if (!sheet) continue;
    const style = ctx.inert.createElement('style');
    style.textContent = absolutizeCss(rulesText(sheet.cssRules), ctx.base).value;
    content.insertBefore(style, content.firstChild);
    ctx.stats.adoptedSheets++;
  }
  ctx.stats.shadowRoots++;
  // Inserted after the walk: a new first child now would put the two walkers out of step.
  ctx.shadows.push({ host, template });
}
