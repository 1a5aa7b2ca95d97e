/**
 * What the worker can reach. A capture the user started (a click on the toolbar button, the page
 * menu, the shortcut) has activeTab: the tab's own site, until it navigates. Other sites need
 * access the user granted (all sites, or the site asked for at the moment of use). These helpers
 * turn the browser's refusals into words the item and the user can read.
 */
import { browser } from 'wxt/browser';
import { sitePattern } from '@/utils/host-access';
import { UserFacingError } from './jobs';

/** The browser's refusals for want of host access (captureVisibleTab, scripting, pageCapture). */
const NO_ACCESS =
  /activeTab|permission is required|Cannot access contents|must request permission|Missing host permission/i;

export function isNoAccessError(e: unknown): boolean {
  return NO_ACCESS.test(e instanceof Error ? e.message : String(e));
}

/** Rethrow a refusal for want of access as the user's `errNoAccess`; anything else as it is. */
export function noAccessError(e: unknown, url: string): unknown {
  return isNoAccessError(e) ? new UserFacingError({ code: 'errNoAccess', params: { url } }) : e;
}

/**
 * Why a fetch of `url` may have been refused: null when Protokol holds access to its site (all
 * sites, or that site), or when it is the site of the tab being captured (`tabUrl`: activeTab
 * covers it); otherwise a sentence for the item.
 */
export async function missingAccess(url: string, tabUrl?: string): Promise<string | null> {
  const site = sitePattern(url);
  if (!site) return null;
  if (tabUrl !== undefined && sitePattern(tabUrl) === site) return null;
  if (await browser.permissions.contains({ origins: [site] }).catch(() => false)) return null;
  return `no access to ${new URL(url).host} was granted to Protokol (only the captured tab's own site is reachable without it)`;
}
