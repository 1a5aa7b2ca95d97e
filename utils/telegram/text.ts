/**
 * A post's text as HTML (sanitised) and as plain text. Both come from one clone of the text
 * element with the parts that are not the post's words removed first (the web clients put the
 * time, views and link preview inside the text element), so HTML and text always agree.
 * A page is hostile: the stored HTML keeps no scripts, event handlers or script URLs.
 */
import { isScriptUrl } from '../page/urls';

/** Elements that never belong in stored post HTML. */
const DROP_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'object',
  'embed',
  'noscript',
  'template',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'background',
  'srcset',
  'data',
]);

/** The sanitised HTML and the plain text of a post's text element. */
export interface PostText {
  html: string;
  text: string;
}

/**
 * Reads `el` (may be undefined: a post without text) into sanitised HTML and plain text.
 * `drop` is a selector for parts of the element that are not the post's text.
 */
export function readPostText(el: Element | undefined, drop?: string): PostText {
  if (!el) return { html: '', text: '' };
  const clone = el.cloneNode(true) as Element;
  if (drop) for (const junk of Array.from(clone.querySelectorAll(drop))) junk.remove();
  sanitize(clone);
  return { html: clone.innerHTML.trim(), text: plainText(clone) };
}

/** Removes active content from `root`'s subtree in place. */
export function sanitize(root: Element): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (DROP_TAGS.has(el.localName)) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const activeStyle = name === 'style' && /expression\s*\(|javascript:/i.test(attr.value);
      if (name.startsWith('on') || name === 'srcdoc' || activeStyle) {
        el.removeAttribute(attr.name);
      } else if (
        URL_ATTRS.has(name) &&
        (isScriptUrl(attr.value) || (name !== 'src' && /^\s*data:/i.test(attr.value)))
      ) {
        el.removeAttribute(attr.name);
      }
    }
  }
}

/** Marks where a block element starts or ends, until lines are assembled. */
const BLOCK_EDGE = '\u0000';
const BLOCK = new Set([
  'div',
  'p',
  'blockquote',
  'pre',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
]);

/**
 * Plain text the way a reader sees it: runs of whitespace (source indentation, no-break spaces)
 * become one space, `<br>` and block boundaries become line breaks, `<pre>` keeps its spacing.
 * jsoup-prettified and original pages therefore give the same text.
 */
export function plainText(root: Element): string {
  const out: string[] = [];
  const walk = (node: Node, pre: boolean): void => {
    if (node.nodeType === 3) {
      const v = node.nodeValue ?? '';
      if (pre) {
        out.push(v.replace(/\u00a0/g, ' '));
        return;
      }
      // As in CSS, a run of white space collapses across element boundaries: "a </b> <b> b"
      // (jsoup's indentation around inline tags) reads "a b", not "a  b".
      let t = v.replace(/[\s\u00a0]+/g, ' ');
      const last = out.length ? out[out.length - 1]!.slice(-1) : '\n';
      if (t.startsWith(' ') && (last === ' ' || last === '\n' || last === BLOCK_EDGE))
        t = t.slice(1);
      if (t !== '') out.push(t);
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.localName;
    if (tag === 'br') {
      out.push('\n');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) out.push(BLOCK_EDGE);
    for (const child of Array.from(el.childNodes)) walk(child, pre || tag === 'pre');
    if (block) out.push(BLOCK_EDGE);
  };
  for (const child of Array.from(root.childNodes)) walk(child, false);
  const lines = out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^ +| +$/g, ''))
    .join('\n');
  // A block edge starts a new line unless one was already started, so `<div>a</div><div>b</div>`
  // reads "a\nb" while line breaks the post itself wrote (`<br><br><br>`) all stay.
  let text = '';
  for (const part of lines.split(BLOCK_EDGE)) {
    const p = part.replace(/^ +/, '');
    if (text !== '' && !text.endsWith('\n') && p !== '') text += '\n';
    text += p;
  }
  return text
    .split('\n')
    .map((line) => line.replace(/ +$/, ''))
    .join('\n')
    .trim();
}
