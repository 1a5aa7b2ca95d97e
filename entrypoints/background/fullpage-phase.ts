/**
 * The second phase of a page capture: the full-page screenshot (fullpage.ts) taken after the
 * item was saved, then added to that same item (utils/store/full-page.ts). Chromium allows two
 * window screenshots a second, so a long page takes seconds; the evidence is safe in the store
 * before they start. A job record (kind `full_page`) is written before the save, so a worker
 * stopped meanwhile is noticed at the next start (jobs.ts) and the item says the image is missing.
 *
 * The worker stays alive while this runs: every frame is a pending extension API call.
 */
import { browser } from 'wxt/browser';
import { pickLocale, translate } from '@/utils/i18n';
import type { FullPageState } from '@/utils/schemas';
import { addFullPage, isQuotaError, markFullPageMissing, type EvidenceDb } from '@/utils/store';
import { takeFullPage } from './fullpage';
import { describeError, isStoreLockedError } from './jobs';

export interface FullPagePhaseInput {
  itemId: string;
  /** The `full_page` job written before the item was saved. */
  jobId: string;
  tabId: number;
  windowId: number;
  url: string;
  /** The capture's viewport screenshot (a PNG data URL) and when it was taken. */
  first: { dataUrl: string; at: string };
  timeZone: string;
}

export interface FullPageProgress {
  done: number;
  total: number;
}

/** Views taken so far of each item whose full-page screenshot is being taken (this worker). */
const progress = new Map<string, FullPageProgress>();

export function fullPageProgress(itemId: string): FullPageProgress | null {
  return progress.get(itemId) ?? null;
}

/** Full-page screenshots taken while the store locked, to add at the unlock (this worker's memory). */
const deferred = new Map<string, { jobId: string; images: Parameters<typeof addFullPage>[2] }>();

/**
 * After an unlock: add the full-page screenshots the lock held back. A worker stopped before
 * the unlock loses them; its job is then marked interrupted at the next start, as for any
 * stopped phase, and the item says the screenshot is missing.
 */
export async function addDeferredFullPages(db: EvidenceDb): Promise<number> {
  let added = 0;
  for (const [itemId, d] of [...deferred]) {
    deferred.delete(itemId);
    try {
      await addFullPage(db, itemId, d.images);
      await db.jobs.update(d.jobId, { status: 'done', finished_at: new Date().toISOString() });
      added++;
    } catch (e) {
      if (isStoreLockedError(e))
        deferred.set(itemId, d); // locked again already
      else console.error('Protokol: could not add a held-back full-page screenshot', e);
    }
  }
  return added;
}

/** The phase running in each tab: it scrolls the page and hides parts of it meanwhile. */
const running = new Map<number, Promise<unknown>>();

/**
 * Resolves when no full-page screenshot is being taken in `tabId`. Anything else that reads,
 * scrolls or screenshots that page (another capture, media, Telegram clipping) waits for it, so
 * it never sees the page half-scrolled with its sticky elements hidden.
 */
export async function fullPageDone(tabId: number): Promise<void> {
  for (let p = running.get(tabId); p; p = running.get(tabId)) await p;
}

/** The job record for phase 2, written before the save so a stopped worker leaves a trace. */
export async function startFullPageJob(
  db: EvidenceDb,
  i: { itemId: string; url: string; tabId: number },
): Promise<string> {
  const id = crypto.randomUUID();
  await db.jobs.put({
    id,
    kind: 'full_page',
    item_id: i.itemId,
    url: i.url,
    tab_id: i.tabId,
    status: 'running',
    started_at: new Date().toISOString(),
  });
  return id;
}

export interface FullPageOutcome {
  /** The item's `full_page` state afterwards. */
  state: FullPageState;
  /** ms: `fullpage` (the whole phase), `fullpage_frames`, `fullpage_stitch` when it got there. */
  timings: Record<string, number>;
}

/**
 * Takes the full-page screenshot and adds it to the saved item, or records why it is missing.
 * Never rejects: the outcome is the item's `full_page` state.
 */
export function runFullPagePhase(db: EvidenceDb, i: FullPagePhaseInput): Promise<FullPageOutcome> {
  const p = phase(db, i);
  running.set(i.tabId, p);
  void p.finally(() => {
    if (running.get(i.tabId) === p) running.delete(i.tabId);
  });
  return p;
}

async function phase(db: EvidenceDb, i: FullPagePhaseInput): Promise<FullPageOutcome> {
  const locale = pickLocale([navigator.language]);
  progress.set(i.itemId, { done: 0, total: 0 });
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let state: FullPageState;
  try {
    try {
      const shot = await takeFullPage({
        tabId: i.tabId,
        windowId: i.windowId,
        url: i.url,
        first: i.first,
        timeZone: i.timeZone,
        band: {
          capturedLabel: translate(locale, 'fpBandCaptured'),
          urlLabel: translate(locale, 'fpBandUrl'),
        },
        cutNote: (cap, height) => translate(locale, 'fpBandCut', { cap, height }),
        onFrame: (done, total) => progress.set(i.itemId, { done, total }),
      });
      Object.assign(timings, shot.timings);
      const images = {
        raw: shot.raw,
        banded: shot.banded,
        notes: shot.notes,
        record: { ...shot.record, timings_ms: roundAll(shot.timings) },
      };
      try {
        const item = await addFullPage(db, i.itemId, images);
        state = item.full_page ?? { status: 'missing', reason: 'the item was changed meanwhile' };
      } catch (e) {
        // The store was locked while the screenshot was being taken (idle lock, Lock pressed):
        // it cannot be added now, so it waits in memory and is added at the unlock.
        if (!isStoreLockedError(e)) throw e;
        deferred.set(i.itemId, { jobId: i.jobId, images });
        return { state: { status: 'pending' }, timings };
      }
    } catch (e) {
      const reason = await whyMissing(i.tabId, e);
      await markFullPageMissing(db, i.itemId, reason);
      state = (await db.items.get(i.itemId))?.full_page ?? { status: 'missing', reason };
    }
    await db.jobs.update(i.jobId, { status: 'done', finished_at: new Date().toISOString() });
  } catch (e) {
    // The store itself failed (full, closed): the job stays for the start-up recovery to mark.
    console.error('Protokol: could not record the full-page screenshot', e);
    state = { status: 'missing', reason: describeError(e) };
  } finally {
    progress.delete(i.itemId);
  }
  timings.fullpage = performance.now() - t0;
  return { state, timings };
}

/** A closed tab and a full store say so; other failures keep their own message. */
async function whyMissing(tabId: number, e: unknown): Promise<string> {
  if (isQuotaError(e)) return 'the browser has no storage space left for it';
  const open = await browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
  return open
    ? describeError(e)
    : 'the tab was closed before the full-page screenshot was finished';
}

function roundAll(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));
}
