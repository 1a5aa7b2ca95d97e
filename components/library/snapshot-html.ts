/**
 * Confining a stored HTML snapshot for display. The iframe's `sandbox=""` already stops
 * scripts, forms and top navigation; this adds a Content-Security-Policy so the snapshot
 * cannot load anything from the network either: opening evidence must not tell the site
 * (or anyone watching) that a monitor is looking at it. Pure: no DOM.
 */

/** The policy put into every displayed snapshot: only inline styles and embedded data. */
export const SNAPSHOT_CSP =
  "default-src 'none'; img-src data: blob:; media-src data: blob:; font-src data:; style-src 'unsafe-inline' data:; form-action 'none'";

/**
 * `html` with a CSP meta element and a `<base target="_blank">` placed first, before anything
 * that could fetch. A policy only covers what the parser meets after it, so it goes right
 * after the doctype (keeping the document's rendering mode). The `_blank` target turns link
 * clicks into popups, which the sandbox blocks, so a click cannot navigate the frame to the
 * live site.
 */
export function confineSnapshot(html: string): string {
  const head = `<meta http-equiv="Content-Security-Policy" content="${SNAPSHOT_CSP}"><base target="_blank">`;
  const doctype = /^\uFEFF?\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + head + html.slice(doctype[0].length);
  return head + html.replace(/^\uFEFF/, '');
}
