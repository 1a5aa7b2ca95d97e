/**
 * What a page capture adds after the page has been read: the MHTML (mhtml.ts), which cannot
 * fail the capture (when it cannot be made, the item says it is missing and why), and whether a
 * full-page screenshot follows the save (fullpage-phase.ts: it takes seconds, so it is a second
 * phase that adds to the saved item). MHTML comes first, so it shows the page as the snapshot
 * saw it, before the full-page screenshot scrolls it.
 */
import type { NewArtifact } from '@/utils/store';
import { getSettings, type EvidenceDb } from '@/utils/store';
import { utf8 } from '@/utils/hash';
import { chainPem } from '@/utils/tls/record';
import { browser } from 'wxt/browser';
import { saveMhtml } from './mhtml';
import { canRecordTls, tlsRecordFor } from './tls';

export interface PageExtras {
  artifacts: NewArtifact[];
  alterations: string[];
  /** Fields for capture.json. */
  record: Record<string, unknown>;
  timings: Record<string, number>;
  /** Whether the full-page screenshot is to be taken after the save (the settings allow it). */
  fullPage: boolean;
}

export async function capturePageExtras(
  db: EvidenceDb,
  tabId: number,
  opts: { locked?: boolean } = {},
): Promise<PageExtras> {
  const out: PageExtras = {
    artifacts: [],
    alterations: [],
    record: {},
    timings: {},
    fullPage: false,
  };
  const t0 = performance.now();
  const m = await saveMhtml(tabId);
  out.timings.mhtml = performance.now() - t0;
  if (m.ok) {
    out.artifacts.push({
      role: 'mhtml',
      name: 'page.mhtml',
      media_type: 'multipart/related',
      bytes: m.bytes,
    });
    out.alterations.push(
      'page.mhtml is the page as the browser saved it (MHTML, pageCapture) after the snapshot was taken',
    );
    out.record.mhtml = { attempts: m.attempts };
  } else if (m.attempts === 0) {
    // The browser has no pageCapture (Firefox): nothing failed, the snapshot is the record.
    out.alterations.push(
      `MHTML is missing: ${m.reason}; the single-file snapshot page.html is this page's record`,
    );
    out.record.mhtml = { error: m.reason, attempts: 0, page_record: 'page.html' };
  } else {
    out.alterations.push(`MHTML is missing: ${m.reason}`);
    out.record.mhtml = { error: m.reason, attempts: m.attempts };
  }
  if (canRecordTls()) await addTls(out, tabId);

  if (opts.locked) {
    // The full-page screenshot is added to the saved item, which a locked store cannot write.
    out.alterations.push(
      'no full-page screenshot: the store was locked at capture (it is added to a saved item, which needs the unlocked store)',
    );
    out.record.full_page = { off: true, locked: true };
    return out;
  }
  if (!(await getSettings(db)).fullpage_enabled) {
    out.alterations.push('no full-page screenshot: it is turned off in the settings');
    out.record.full_page = { off: true };
    return out;
  }
  // Taken after the save (fullpage-phase.ts): its record is in that custody event, not here.
  out.fullPage = true;
  out.record.full_page = {
    after_save: true,
    recorded_in: 'the custody event artifact_added (or full_page_missing, with the reason)',
  };
  return out;
}

/** Firefox: the server's certificate chain and connection details (tls.ts), when https. */
async function addTls(out: PageExtras, tabId: number): Promise<void> {
  const url = (await browser.tabs.get(tabId)).url ?? '';
  if (!url.startsWith('https://')) return;
  const rec = await tlsRecordFor(tabId, url);
  if (!rec) {
    out.alterations.push(
      'TLS record is missing: the browser reported no certificate for this page load (loaded before Protokol started, or from the cache)',
    );
    out.record.tls = { missing: true };
    return;
  }
  out.artifacts.push({
    role: 'metadata',
    name: 'tls.json',
    media_type: 'application/json',
    bytes: utf8(JSON.stringify(rec, null, 2)),
  });
  const pem = chainPem(rec);
  if (pem)
    out.artifacts.push({
      role: 'metadata',
      name: 'tls-chain.pem',
      media_type: 'application/x-pem-file',
      bytes: utf8(pem),
    });
  out.record.tls = {
    file: 'tls.json',
    chain: pem ? 'tls-chain.pem' : null,
    protocol_version: rec.protocol_version,
    cipher_suite: rec.cipher_suite,
    leaf_sha256: rec.certificates[0]?.sha256 ?? null,
    observed_at: rec.observed_at,
  };
}
