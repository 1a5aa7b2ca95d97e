/**
 * MHTML of the page (`chrome.pageCapture.saveAsMHTML`), behind a small adapter: Firefox has no
 * pageCapture, and there the capture goes on without it and the item says why.
 * On a fresh Chromium profile the first call fails about half the time when its blob is read
 * (`NotFoundError`); a second call works, so each attempt is retried.
 */
import { browser } from 'wxt/browser';
import { describeError } from './jobs';

export type MhtmlResult =
  | { ok: true; bytes: Uint8Array; attempts: number }
  | { ok: false; reason: string; attempts: number };

const ATTEMPTS = 3;

interface PageCaptureApi {
  saveAsMHTML(details: { tabId: number }): Promise<Blob | undefined>;
}

function pageCaptureApi(): PageCaptureApi | undefined {
  const api = (browser as unknown as { pageCapture?: Partial<PageCaptureApi> }).pageCapture;
  return typeof api?.saveAsMHTML === 'function' ? (api as PageCaptureApi) : undefined;
}

export async function saveMhtml(tabId: number): Promise<MhtmlResult> {
  const api = pageCaptureApi();
  if (!api) return { ok: false, reason: 'this browser has no pageCapture API', attempts: 0 };
  let last = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const blob = await api.saveAsMHTML({ tabId });
      if (!blob) throw new Error('the browser returned no MHTML');
      const bytes = new Uint8Array(await blob.arrayBuffer());
      if (bytes.byteLength === 0) throw new Error('the browser returned an empty MHTML');
      return { ok: true, bytes, attempts: attempt };
    } catch (e) {
      last = `${e instanceof Error ? e.name + ': ' : ''}${describeError(e)}`;
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, 150 * attempt));
    }
  }
  return { ok: false, reason: `${last} (after ${ATTEMPTS} attempts)`, attempts: ATTEMPTS };
}
