/**
 * URL rewriting for the snapshot: relative URLs become absolute so the saved file still points
 * at what the page showed, and script URLs are recognised so they can be dropped.
 * Regular expressions are compiled once here because the snapshot calls these per attribute on
 * pages with hundreds of thousands of elements.
 */

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
// The URL parser ignores tabs and newlines anywhere and C0 controls or spaces at the start, so
// `java\tscript:` and ` javascript:` run as scripts too.
const IGNORED_BY_URL_PARSER = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LEADING_JUNK = /^[\u0000-\u0020]+/;
const CSS_URL = /url\(\s*(['"]?)([^'")]*?)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+(['"])([^'"]+)\1/gi;

/** The result of a rewrite: the new value and how many URLs in it were made absolute. */
export interface Rewrite {
  value: string;
  changed: number;
}

/** True for `javascript:` and `vbscript:` URLs, however the page disguised them. */
export function isScriptUrl(value: string): boolean {
  const v = value.replace(IGNORED_BY_URL_PARSER, '').replace(LEADING_JUNK, '').slice(0, 11);
  const lower = v.toLowerCase();
  return lower.startsWith('javascript:') || lower.startsWith('vbscript:');
}

/**
 * Resolves `value` against `base` when it is relative. Absolute URLs, fragment-only references
 * (`#top`, which must keep pointing inside the saved file) and empty values are left as written.
 */
export function absolutize(value: string, base: string): Rewrite {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#') || SCHEME.test(trimmed)) {
    return { value, changed: 0 };
  }
  try {
    return { value: new URL(trimmed, base).href, changed: 1 };
  } catch {
    // An unparsable URL is evidence of what the page had: keep it as it was.
    return { value, changed: 0 };
  }
}

/**
 * Makes every candidate of a `srcset` absolute. Follows the HTML parsing rules loosely (a URL
 * is a run of non-space characters, descriptors run to the next comma outside parentheses) so
 * URLs that contain commas survive; never throws on broken input.
 */
export function absolutizeSrcset(value: string, base: string): Rewrite {
  const out: string[] = [];
  let changed = 0;
  let i = 0;
  const n = value.length;
  const isSpace = (c: string): boolean =>
    c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < n) {
    while (i < n && (isSpace(value.charAt(i)) || value.charAt(i) === ',')) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && !isSpace(value.charAt(j))) j++;
    let url = value.slice(i, j);
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      let k = j;
      for (; k < n; k++) {
        const c = value.charAt(k);
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if (c === ',' && depth === 0) break;
      }
      descriptors = value.slice(j, k).trim();
      j = k + 1;
    }
    i = j;
    const r = absolutize(url, base);
    changed += r.changed;
    out.push(descriptors ? `${r.value} ${descriptors}` : r.value);
  }
  return changed === 0 ? { value, changed: 0 } : { value: out.join(', '), changed };
}

/** Makes `url(...)` and `@import "..."` references in CSS text absolute. */
export function absolutizeCss(css: string, base: string): Rewrite {
  if (!css.includes('url(') && !css.includes('URL(') && !css.includes('@import')) {
    return { value: css, changed: 0 };
  }
  let changed = 0;
  const fix = (whole: string, url: string, make: (u: string) => string): string => {
    if (url.trim().toLowerCase().startsWith('data:')) return whole;
    const r = absolutize(url, base);
    if (r.changed === 0) return whole;
    changed += 1;
    return make(r.value.replace(/["\\]/g, (c) => `\\${c}`));
  };
  const value = css
    .replace(CSS_URL, (whole, _q: string, url: string) => fix(whole, url, (u) => `url("${u}")`))
    .replace(CSS_IMPORT, (whole, _q: string, url: string) =>
      fix(whole, url, (u) => `@import "${u}"`),
    );
  return { value, changed };
}
