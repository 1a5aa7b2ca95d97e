/**
 * Host access, as Protokol asks for it (no browser imports; the calls are in lib/host-access.ts).
 * Nothing at install: a capture started by the user works under activeTab; "all sites" turns on
 * the always-on content scripts; a single site is asked for when a feature needs more than the
 * tab the user clicked on (a file of another site, the page again as served after a redirect).
 */

/** Every http(s) site: the optional host permissions in the manifest, and what "all sites" asks for. */
export const ALL_SITES = ['http://*/*', 'https://*/*'] as const;

/**
 * The match pattern that covers one URL's site (any port, any path), or null for a URL that is
 * not http(s) (a `blob:` or `data:` URL needs no host access).
 */
export function sitePattern(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // Match patterns take no port: `http://host/*` covers every port of host.
  return `${u.protocol}//${u.hostname}/*`;
}

/** The distinct site patterns of some URLs, in first-seen order. */
export function sitePatterns(urls: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const url of urls) {
    const p = sitePattern(url);
    if (p) out.add(p);
  }
  return [...out];
}
