/**
 * The detection switches: one global switch (on by default) and a list of sites not to scan.
 * Kept in the store's settings (utils/store/detect-prefs.ts: encrypted with the store); the
 * content script asks the background whether to scan, and never opens the store. Pure: the
 * caller passes what it read.
 */
/** The `storage.local` key earlier versions kept the switches under (moved into the store). */
export const DETECT_PREFS_KEY = 'protokol.detection';

/** What is stored under {@link DETECT_PREFS_KEY}. */
export interface DetectPrefs {
  enabled: boolean;
  /** Host names (lower case, no `www.`) the user asked not to scan. */
  off_sites: string[];
}

/**
 * Read stored switches; a missing or malformed field takes its default (detection on, no site off).
 * Checked by hand rather than with zod: the content script that reads this runs on every page,
 * and zod would triple its size (and its start-up cost on the page's main thread).
 */
export function parseDetectPrefs(raw: unknown): DetectPrefs {
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const sites = Array.isArray(o.off_sites)
    ? o.off_sites.filter((s): s is string => typeof s === 'string')
    : [];
  return { enabled: typeof o.enabled === 'boolean' ? o.enabled : true, off_sites: sites };
}

/** The site key of a URL: its host name, lower case, without a leading `www.`; null when not http(s). */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** True when a page at `url` may be scanned under `prefs`. */
export function scanAllowed(prefs: DetectPrefs, url: string): boolean {
  const site = siteOf(url);
  return prefs.enabled && site !== null && !prefs.off_sites.includes(site);
}

/** The switches with `site` added to or removed from the off list. */
export function withSiteOff(prefs: DetectPrefs, site: string, off: boolean): DetectPrefs {
  const rest = prefs.off_sites.filter((s) => s !== site);
  return { ...prefs, off_sites: off ? [...rest, site].sort() : rest };
}
