/**
 * Firefox only: the server's TLS certificate chain and connection details for each page loaded
 * in a tab, read with `webRequest.getSecurityInfo` while the main-frame response's headers are
 * being received (the only moment Firefox answers it; the listener must be blocking), and kept
 * per tab until the page is captured (page-extras.ts adds it as `tls.json` + `tls-chain.pem`).
 * Chromium has no such API: there nothing is installed and items carry no TLS record.
 * Kept in storage.session too, so a background page that was unloaded between the page load
 * and the capture still finds it; it never leaves the browser.
 */
import { browser } from 'wxt/browser';
import { buildTlsRecord, type SecurityInfoLike, type TlsRecord } from '@/utils/tls/record';

interface SecurityInfoApi {
  getSecurityInfo(
    requestId: string,
    options: { certificateChain: boolean; rawDER: boolean },
  ): Promise<SecurityInfoLike>;
}

const byTab = new Map<number, TlsRecord>();
const key = (tabId: number) => `tls:${tabId}`;
const noHash = (u: string) => u.replace(/#.*$/, '');

function securityInfoApi(): SecurityInfoApi | undefined {
  const wr = (browser as unknown as { webRequest?: Partial<SecurityInfoApi> }).webRequest;
  return typeof wr?.getSecurityInfo === 'function' ? (wr as SecurityInfoApi) : undefined;
}

/** True where the browser can report a page's certificate (Firefox). */
export function canRecordTls(): boolean {
  return securityInfoApi() !== undefined;
}

export function installTlsRecorder(): void {
  const api = securityInfoApi();
  if (!api) return;
  browser.webRequest.onHeadersReceived.addListener(
    (details) => {
      if (details.tabId < 0) return undefined;
      const done = api
        .getSecurityInfo(details.requestId, { certificateChain: true, rawDER: true })
        .then(async (info) => {
          const rec = buildTlsRecord(details.url, info, new Date());
          byTab.set(details.tabId, rec);
          await browser.storage.session.set({ [key(details.tabId)]: rec });
        })
        .catch((e: unknown) => console.error('Protokol: could not read the TLS details', e));
      // Firefox answers getSecurityInfo only while the response is held: hold it until then.
      return done.then(() => ({})) as unknown as undefined;
    },
    { urls: ['https://*/*'], types: ['main_frame'] },
    ['blocking'],
  );
  browser.tabs.onRemoved.addListener((tabId) => {
    byTab.delete(tabId);
    void browser.storage.session.remove(key(tabId));
  });
}

/** The record for the page now in the tab (same URL, fragment aside), or null. */
export async function tlsRecordFor(tabId: number, url: string): Promise<TlsRecord | null> {
  const rec =
    byTab.get(tabId) ??
    ((await browser.storage.session.get(key(tabId)))[key(tabId)] as TlsRecord | undefined);
  return rec && noHash(rec.url) === noHash(url) ? rec : null;
}
