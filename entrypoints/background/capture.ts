/**
 * The capture pipeline for an article or any web page: screenshot of the viewport, the
 * rendered DOM snapshot, the Readability article, the HTML as served, the MHTML and the
 * collection record, saved as one item in one transaction (all or nothing). The full-page
 * screenshot follows as a second phase that adds to the saved item (fullpage-phase.ts): it
 * takes seconds (two window screenshots a second), and the evidence must be safe before that.
 */
import { browser, type Browser } from 'wxt/browser';
import type { CollectorResult } from '../collector';
import { fetchAsServed } from './served';
import { describeError, failJob, toUserError, UserFacingError } from './jobs';
import { captureViewportPng } from './screenshot';
import { noAccessError } from './host-access';
import { ALL_SITES, sitePattern } from '@/utils/host-access';
import { timestampItem, timestampsEnabled } from './timestamps';
import { detectionAtCapture } from './detection';
import { capturePageExtras } from './page-extras';
import { runFullPagePhase, startFullPageJob, type FullPageOutcome } from './fullpage-phase';
import { buildPageCapture } from '@/utils/capture/build';
import type { CaptureResult, UserError } from '@/utils/protocol';
import {
  earlierObservations,
  markTimestampPending,
  saveCapture,
  sealCapture,
  type EvidenceDb,
} from '@/utils/store';
import { LOCKED_CAPTURE_NOTE, storeLocked } from './locked';

export interface CaptureOptions {
  caseId?: string | null;
  /** The URL the user asked for, when the tab was sent elsewhere by redirects (batch capture). */
  requestedUrl?: string;
  /** Notes for the item's alterations from the caller (a Telegram page of unknown layout). */
  alterations?: string[];
}

/** A saved capture, and its full-page screenshot still being taken (null when there is none). */
export interface TabCapture {
  result: CaptureResult;
  /** Settles (never rejects) when the full-page screenshot was added or recorded as missing. */
  fullPage: Promise<FullPageOutcome> | null;
}

const now = () => performance.now();

export async function captureTab(
  db: EvidenceDb,
  tabId: number,
  opts: CaptureOptions = {},
): Promise<TabCapture> {
  let tab: Browser.tabs.Tab;
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    return fail({ code: 'errNoTab' });
  }
  const url = tab.url ?? tab.pendingUrl ?? '';
  // The browser hides the URL of a tab the extension has no access to: with all sites allowed
  // that is a browser page (chrome://, file://); otherwise it may be any page nobody clicked for.
  if (!url && !(await browser.permissions.contains({ origins: [...ALL_SITES] })))
    return fail({ code: 'errNoAccessTab' });
  if (!/^https?:\/\//i.test(url))
    return fail({ code: 'errNotCapturable', params: { url: url || '—' } });

  // Encrypted and locked: the capture is sealed into the queue (no job record: it would hold
  // the URL, and nothing but the queue may be written while locked).
  const locked = await storeLocked(db);
  const jobId = crypto.randomUUID();
  if (!locked)
    await db.jobs.put({
      id: jobId,
      url,
      tab_id: tabId,
      status: 'running',
      started_at: new Date().toISOString(),
    });
  const timings: Record<string, number> = {};
  const itemId = crypto.randomUUID();
  let fullPageJob: string | undefined;
  try {
    const t0 = now();
    // The screenshot is taken first, so it shows the page as the user saw it when they asked.
    if (!tab.active) await browser.tabs.update(tabId, { active: true });
    const servedP = fetchAsServed(url, undefined, tab.incognito).then(
      (s) => ({ ok: true as const, s, ms: now() - t0 }),
      async (e: unknown) => ({
        ok: false as const,
        error: describeError(e) + (await servedAccessHint(url)),
        ms: now() - t0,
      }),
    );
    // Without a click, the menu or the shortcut (activeTab) and without access to the site, the
    // browser refuses the screenshot: the user is told how to give access.
    const shot = await captureViewportPng(tab.windowId).catch((e: unknown) => {
      throw noAccessError(e, url);
    });
    const shotAt = new Date().toISOString();
    timings.screenshot = now() - t0;

    const t1 = now();
    const injected = await browser.scripting
      .executeScript({ target: { tabId }, files: ['/collector.js'] })
      .catch((e: unknown) => {
        const denied = noAccessError(e, url);
        if (denied !== e) throw denied;
        throw new UserFacingError({ code: 'errPageScript', params: { detail: describeError(e) } });
      });
    const result = injected[0]?.result as CollectorResult | undefined;
    if (!result)
      throw new UserFacingError({
        code: 'errPageScript',
        params: { detail: 'no result from the page' },
      });
    if (!result.ok)
      throw new UserFacingError({ code: 'errPageScript', params: { detail: result.error } });
    timings.collect = now() - t1;
    Object.assign(timings, prefixed('page_', result.capture.timings));

    // MHTML after the page was read; the full-page screenshot after the save (it scrolls the page).
    const extras = await capturePageExtras(db, tabId, { locked });
    Object.assign(timings, extras.timings);

    const served = await servedP;
    timings.served = served.ms;
    const input = buildPageCapture({
      page: result.capture,
      screenshotPng: dataUrlBytes(shot),
      served: served.ok ? served.s : { error: served.error },
      requestedUrl: opts.requestedUrl,
      extraAlterations: [
        ...(opts.alterations ?? []),
        ...extras.alterations,
        ...(locked ? [LOCKED_CAPTURE_NOTE] : []),
      ],
      extraArtifacts: extras.artifacts,
      recordExtra: extras.record,
      caseId: opts.caseId ?? null,
      extensionVersion: browser.runtime.getManifest().version,
      browserName: navigator.userAgent,
      detection: locked ? null : await detectionAtCapture(db),
      capturedAt: new Date().toISOString(),
    });
    const t2 = now();
    if (locked) {
      const receipt = await sealCapture(db, { ...input, id: itemId });
      timings.store = now() - t2;
      timings.total = now() - t0;
      return {
        result: {
          ok: true,
          item_id: receipt.id,
          title: input.title,
          earlier: [],
          timings,
          sealed: true,
        },
        fullPage: null,
      };
    }
    if (extras.fullPage)
      fullPageJob = await startFullPageJob(db, { itemId, url: result.capture.url, tabId });
    const item = await saveCapture(
      db,
      {
        ...input,
        id: itemId,
        job_id: jobId,
        ...(extras.fullPage ? { full_page: { status: 'pending' as const } } : {}),
      },
      { timings },
    );
    timings.store = now() - t2;
    timings.total = now() - t0;
    const fullPage =
      fullPageJob === undefined
        ? null
        : runFullPagePhase(db, {
            itemId,
            jobId: fullPageJob,
            tabId,
            windowId: tab.windowId,
            url: result.capture.url,
            first: { dataUrl: shot, at: shotAt },
            timeZone: result.capture.time_zone,
          });
    if (await timestampsEnabled(db)) {
      // Marked first, so a worker stopped during the request leaves it for the retry alarm.
      await markTimestampPending(db, item.id);
      void timestampItem(db, item.id);
    }
    const earlier = await earlierObservations(db, item);
    return {
      result: {
        ok: true,
        item_id: item.id,
        title: item.title,
        earlier: earlier.map((e) => ({
          item_id: e.item.id,
          captured_at: e.item.captured_at,
          identical: e.identical,
        })),
        timings,
        ...(item.full_page ? { full_page: item.full_page } : {}),
      },
      fullPage,
    };
  } catch (e) {
    // Nothing was saved: no full-page screenshot will follow.
    if (fullPageJob !== undefined) await db.jobs.delete(fullPageJob).catch(() => undefined);
    const error = locked ? toUserError(e) : await failJob(db, jobId, e);
    return { result: { ok: false, error }, fullPage: null };
  }
}

/**
 * Why the page "as served" may not have been fetched again: under activeTab alone Protokol
 * reaches only the tab's own site, so a redirect to another site is refused.
 */
async function servedAccessHint(url: string): Promise<string> {
  const site = sitePattern(url);
  const all = await browser.permissions
    .contains({ origins: site ? [site] : [...ALL_SITES] })
    .catch(() => false);
  return all
    ? ''
    : ' (Protokol was given access to this tab only, by the click that started the capture, and not to this site or all sites: a redirect to another site cannot be followed)';
}

function fail(error: UserError): TabCapture {
  return { result: { ok: false, error }, fullPage: null };
}

function prefixed(p: string, o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [p + k, v]));
}

function dataUrlBytes(dataUrl: string): Uint8Array {
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
