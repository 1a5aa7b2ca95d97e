/**
 * Telegram post clipping in the background: the content script (entrypoints/telegram.content/)
 * reads posts and measures them; this takes the viewport screenshot, crops it to the post,
 * fetches each photo's exact bytes and saves one `telegram_post` item per post in one
 * transaction, after a job record (so a stopped worker is reported, as for page captures).
 */
import { browser } from 'wxt/browser';
import { onMessage, sendMessage } from '@/lib/messaging';
import { buildTelegramCapture, telegramFallbackNotes } from '@/utils/capture/telegram-build';
import {
  TelegramBlobAnswer,
  TelegramClipPostsRequest,
  TelegramClipRequest,
  TelegramGathered,
  TelegramLocated,
  TelegramRecheckRequest,
  TelegramTabRequest,
  type TelegramGatherRequest,
  type TelegramPageInfo,
} from '@/utils/protocol-telegram';
import type { ProtocolMap, TelegramBatchResult, TelegramClipResult } from '@/utils/protocol';
import { saveCapture, sealCapture, type EvidenceDb } from '@/utils/store';
import { LOCKED_CAPTURE_NOTE, storeLocked } from './locked';
import { describeError, failJob, toUserError, UserFacingError } from './jobs';
import type { TelegramPost } from '@/utils/telegram';
import { cropPng } from './crop';
import { detectionAtCapture } from './detection';
import { fetchMedia } from './telegram-media';
import { recheckPost, secondPathCheck } from './telegram-second-path';
import { captureViewportPng } from './screenshot';
import { fullPageDone } from './fullpage-phase';
import { injectOnce } from './inject-once';

interface TabRef {
  id: number;
  windowId: number;
  url: string;
}

type Trigger = 'post_control' | 'popup_in_view' | 'popup_range' | 'page_capture';

/** A viewport screenshot kept for the posts that were in view together (no scroll between them). */
interface Shot {
  dataUrl: string;
  at: string;
}

const now = () => performance.now();

export interface TelegramWiring {
  db: EvidenceDb;
  /** Throws unless the sender may send a privileged message. */
  privileged: (type: keyof ProtocolMap, sender: chrome.runtime.MessageSender) => void;
  /** Start-up recovery of interrupted jobs: new jobs wait for it. */
  recovered: Promise<unknown>;
}

const injectClipper = injectOnce(
  '/content-scripts/telegram-clipper.js',
  'protokol.telegram-clipper',
);

/**
 * Inject the clipper into a tab's top frame unless it runs there already. Called when the loader
 * reports a Telegram page, and before asking for posts; never throws (a tab that cannot be
 * scripted simply gets no Clip controls).
 */
export function ensureClipper(tabId: number): Promise<void> {
  return injectClipper(tabId).catch(() => undefined);
}

export function registerTelegramMessages({ db, privileged, recovered }: TelegramWiring): void {
  onMessage('telegramDetected', async ({ sender }) => {
    // Page-scoped: the loader may only ask for its own tab's top frame.
    if (sender.tab?.id === undefined || sender.frameId !== 0 || sender.id !== browser.runtime.id)
      return;
    await ensureClipper(sender.tab.id);
  });
  onMessage('clipTelegramPost', async ({ data, sender }) => {
    // Page-scoped: only from our content script in the top frame of a tab, and only about that tab.
    const tab = sender.tab;
    if (tab?.id === undefined || sender.frameId !== 0 || sender.id !== browser.runtime.id) {
      return { ok: false, error: { code: 'errForbidden' } } satisfies TelegramClipResult;
    }
    const parsed = TelegramClipRequest.safeParse(data);
    if (!parsed.success)
      return {
        ok: false,
        error: { code: 'errTgUnreadable', params: { detail: parsed.error.message } },
      };
    await recovered;
    await fullPageDone(tab.id);
    const ref: TabRef = { id: tab.id, windowId: tab.windowId, url: sender.url ?? tab.url ?? '' };
    const res = await clipPost(db, ref, parsed.data.post, {
      located: parsed.data.located,
      page: parsed.data.page,
      caseId: null,
      trigger: 'post_control',
    });
    await showControls(ref.id);
    return res;
  });
  onMessage('clipTelegramPosts', async ({ data, sender }) => {
    privileged('clipTelegramPosts', sender);
    const req = TelegramClipPostsRequest.parse(data);
    await recovered;
    await fullPageDone(req.tabId);
    return clipPosts(
      db,
      req.tabId,
      { mode: req.mode, from: req.from, to: req.to },
      req.caseId ?? null,
      req.mode === 'range' ? 'popup_range' : 'popup_in_view',
    );
  });
  onMessage('recheckTelegramPost', async ({ data, sender }) => {
    // Privileged: only the library asks, and only when the user pressed "Re-check on t.me".
    privileged('recheckTelegramPost', sender);
    const { itemId } = TelegramRecheckRequest.parse(data);
    await recovered;
    // A re-check adds to a saved item: refused while the store is locked, nothing fetched.
    if (await storeLocked(db)) return { ok: false, error: { code: 'errStoreLocked' } };
    return recheckPost(db, itemId);
  });
  onMessage('telegramPageInfo', async ({ data, sender }) => {
    privileged('telegramPageInfo', sender);
    const { tabId } = TelegramTabRequest.parse(data);
    return pageInfo(tabId);
  });
}

/** The Telegram page in a tab (null when the content script did not recognise one). */
async function pageInfo(tabId: number): Promise<TelegramPageInfo | null> {
  const all = await gather(tabId, { mode: 'all' });
  if (!all) return null;
  const inView = await gather(tabId, { mode: 'in_view' });
  return {
    adapter: all.adapter,
    channel: all.channel,
    channel_title: all.channel_title,
    post_ids: all.posts.map((p) => p.post_id),
    in_view: inView?.posts.map((p) => p.post_id) ?? [],
  };
}

/**
 * "Clip this page" on a Telegram page: every post on it as its own item (the generic page
 * capture is kept too, as the context the posts were seen in). Undefined when not Telegram.
 */
export async function clipPagePosts(
  db: EvidenceDb,
  tabId: number,
  caseId: string | null,
): Promise<TelegramBatchResult | undefined> {
  const res = await clipPosts(db, tabId, { mode: 'all' }, caseId, 'page_capture');
  return res.error?.code === 'errTgNotTelegram' ? undefined : res;
}

/** Whether the tab shows a Telegram layout the adapters know (its posts are clipped too). */
export async function isTelegramLayout(tabId: number): Promise<boolean> {
  return (await gather(tabId, { mode: 'in_view' })) !== null;
}

/**
 * "Clip this page" on a Telegram host (t.me, web.telegram.org) whose layout no adapter knows:
 * why the page is kept as a generic page capture, for the item's alterations.
 */
export async function telegramFallbackAlterations(tabId: number): Promise<string[]> {
  const url = (await browser.tabs.get(tabId).catch(() => undefined))?.url ?? '';
  if (telegramFallbackNotes(url, false).length === 0) return [];
  return telegramFallbackNotes(url, (await gather(tabId, { mode: 'in_view' })) !== null);
}

async function clipPosts(
  db: EvidenceDb,
  tabId: number,
  req: TelegramGatherRequest,
  caseId: string | null,
  trigger: Trigger,
): Promise<TelegramBatchResult> {
  let tab: chrome.tabs.Tab;
  try {
    tab = await browser.tabs.get(tabId);
  } catch {
    return { results: [], error: { code: 'errNoTab' } };
  }
  const found = await gather(tabId, req);
  if (!found) return { results: [], error: { code: 'errTgNotTelegram' } };
  const posts = found.posts.filter((p) => !p.service);
  if (posts.length === 0) return { results: [], error: { code: 'errTgNoPosts' } };
  if (!tab.active) await browser.tabs.update(tabId, { active: true });
  const ref: TabRef = { id: tabId, windowId: tab.windowId, url: tab.url ?? '' };
  const results: TelegramClipResult[] = [];
  const shared: { shot?: Shot } = {};
  try {
    for (const post of posts) {
      results.push(await clipPost(db, ref, post, { page: found.page, caseId, trigger, shared }));
    }
  } finally {
    await showControls(tabId, true);
  }
  return { results };
}

async function gather(tabId: number, req: TelegramGatherRequest): Promise<TelegramGathered | null> {
  // No content script answering means the page is not one the adapters recognised.
  await ensureClipper(tabId);
  const raw = await sendMessage('telegramGather', req, { tabId, frameId: 0 }).catch(() => null);
  if (!raw) return null;
  const parsed = TelegramGathered.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

async function showControls(tabId: number, restoreScroll = false): Promise<void> {
  await sendMessage(
    'telegramControls',
    { visible: true, restoreScroll },
    { tabId, frameId: 0 },
  ).catch(() => undefined);
}

interface ClipOptions {
  located?: TelegramLocated;
  page: TelegramGathered['page'];
  caseId: string | null;
  trigger: Trigger;
  shared?: { shot?: Shot };
}

async function clipPost(
  db: EvidenceDb,
  tab: TabRef,
  post: TelegramPost,
  o: ClipOptions,
): Promise<TelegramClipResult> {
  const jobId = crypto.randomUUID();
  const timings: Record<string, number> = {};
  const t0 = now();
  // Encrypted and locked: the post is sealed into the queue, without a job record.
  const locked = await storeLocked(db);
  if (!locked)
    await db.jobs.put({
      id: jobId,
      url: post.permalink,
      tab_id: tab.id,
      status: 'running',
      started_at: new Date().toISOString(),
    });
  try {
    // Where the post is now: scrolled into view if needed, with the Clip controls hidden.
    let loc = o.located && fullyInView(o.located) ? o.located : await locate(tab.id, post);
    if (!loc) throw new UserFacingError({ code: 'errTgPostGone' });
    timings.locate = now() - t0;

    const t1 = now();
    let shot = o.shared?.shot;
    if (!shot || loc.scrolled) {
      const dataUrl = await captureViewportPng(tab.windowId).catch((e: unknown) => {
        throw new UserFacingError({
          code: 'errTgScreenshot',
          params: { detail: describeError(e) },
        });
      });
      shot = { dataUrl, at: new Date().toISOString() };
      if (o.shared) o.shared.shot = shot;
    }
    timings.screenshot = now() - t1;
    // The post must still be there, where it was, after the screenshot: otherwise the picture
    // shows something else (deleted or re-laid-out while clipping).
    const after = await locate(tab.id, post, false);
    if (!after) throw new UserFacingError({ code: 'errTgPostGone' });
    if (
      Math.abs(after.rect.y - loc.rect.y) > 1 ||
      Math.abs(after.rect.height - loc.rect.height) > 1
    ) {
      loc = after;
      shot = { dataUrl: await captureViewportPng(tab.windowId), at: new Date().toISOString() };
      if (o.shared) o.shared.shot = shot;
    }

    const t2 = now();
    const crop = await cropPng(shot.dataUrl, loc.rect, loc.viewport.width).catch((e: unknown) => {
      throw new UserFacingError({ code: 'errTgScreenshot', params: { detail: describeError(e) } });
    });
    timings.crop = now() - t2;

    const t3 = now();
    const media = await fetchMedia(post, tab.url, (url) =>
      sendMessage('telegramBlob', { url }, { tabId: tab.id, frameId: 0 }).then((a) => {
        const parsed = TelegramBlobAnswer.safeParse(a);
        return parsed.success ? parsed.data : null;
      }),
    );
    timings.media = now() - t3;

    const input = buildTelegramCapture({
      post,
      pageUrl: tab.url,
      pageTitle: o.page.title,
      screenshotPng: crop.png,
      screenshotNotes: [
        `the element screenshot was cropped from a screenshot of the visible viewport taken at ${shot.at} (box ${crop.box.width}×${crop.box.height} px at ${crop.box.x},${crop.box.y}; device pixel ratio ${loc.device_pixel_ratio}); the extension's Clip controls were hidden while it was taken`,
        ...crop.notes,
      ],
      media,
      environment: {
        user_agent: o.page.user_agent,
        time_zone: o.page.time_zone,
        viewport: loc.viewport,
        device_pixel_ratio: loc.device_pixel_ratio,
      },
      caseId: o.caseId,
      extensionVersion: browser.runtime.getManifest().version,
      browserName: navigator.userAgent,
      capturedAt: new Date().toISOString(),
      trigger: o.trigger,
      detection: locked ? null : await detectionAtCapture(db),
      secondPath: await secondPathCheck(tab.id, post),
    });
    const t4 = now();
    if (locked) {
      const receipt = await sealCapture(db, {
        ...input,
        alterations: [...input.alterations, LOCKED_CAPTURE_NOTE],
      });
      timings.store = now() - t4;
      timings.total = now() - t0;
      return {
        ok: true,
        item_id: receipt.id,
        post_id: post.post_id,
        title: input.title,
        notes: [],
        timings,
        sealed: true,
      };
    }
    const item = await saveCapture(db, { ...input, job_id: jobId }, { timings });
    timings.store = now() - t4;
    timings.total = now() - t0;
    const notes = input.alterations.filter((a) =>
      /could not be fetched|no text|video bytes not captured|larger than the visible/.test(a),
    );
    return { ok: true, item_id: item.id, post_id: post.post_id, title: item.title, notes, timings };
  } catch (e) {
    const error = locked ? toUserError(e) : await failJob(db, jobId, e);
    return { ok: false, post_id: post.post_id, error };
  }
}

async function locate(
  tabId: number,
  post: TelegramPost,
  scroll = true,
): Promise<TelegramLocated | null> {
  const raw = await sendMessage(
    'telegramLocate',
    { post_id: post.post_id, channel: post.channel, scroll },
    { tabId, frameId: 0 },
  ).catch(() => null);
  if (!raw) return null;
  const parsed = TelegramLocated.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function fullyInView(l: TelegramLocated): boolean {
  const r = l.rect;
  return (
    r.y >= 0 &&
    r.x >= 0 &&
    r.y + r.height <= l.viewport.height &&
    r.x + r.width <= l.viewport.width &&
    r.height > 0
  );
}
