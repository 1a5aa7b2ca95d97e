/**
 * Asking the browser for host access from an extension page. `permissions.request` must be
 * called during the user's click (Firefox refuses it after an `await`), so each request is the
 * first thing its click handler does.
 */
import { browser } from 'wxt/browser';
import { ALL_SITES, sitePatterns } from '@/utils/host-access';

export function allSitesAllowed(): Promise<boolean> {
  return browser.permissions.contains({ origins: [...ALL_SITES] });
}

/** Shows the browser's question; true when the user allowed it. */
export function requestAllSites(): Promise<boolean> {
  return browser.permissions.request({ origins: [...ALL_SITES] });
}

export function withdrawAllSites(): Promise<boolean> {
  return browser.permissions.remove({ origins: [...ALL_SITES] });
}

/**
 * Ask for the sites of some URLs (a file on another site). Resolves true when every one is
 * allowed (at once when they already are: the browser asks nothing then).
 */
export function requestSites(urls: Iterable<string>): Promise<boolean> {
  const origins = sitePatterns(urls);
  if (origins.length === 0) return Promise.resolve(true);
  return browser.permissions.request({ origins });
}

/** Call `fn` whenever the extension's permissions change; returns the unsubscribe. */
export function onPermissionsChanged(fn: () => void): () => void {
  browser.permissions.onAdded.addListener(fn);
  browser.permissions.onRemoved.addListener(fn);
  return () => {
    browser.permissions.onAdded.removeListener(fn);
    browser.permissions.onRemoved.removeListener(fn);
  };
}
