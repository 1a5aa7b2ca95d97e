/**
 * Background wiring: messages (validated, privileged ones only from extension pages),
 * the context menu, the keyboard shortcut, and recovery of captures a stopped worker left behind.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import {
  CaptureTabRequest,
  isExtensionPageSender,
  ItemIdRequest,
  JobIdRequest,
  PRIVILEGED,
  type CaptureResult,
  type ProtocolMap,
} from '@/utils/protocol';
import { markTimestampPending, openEvidenceDb, openSealedQueue } from '@/utils/store';
import { translate, pickLocale } from '@/utils/i18n';
import { captureTab } from './capture';
import { addDeferredFullPages, fullPageDone, fullPageProgress } from './fullpage-phase';
import { recoverInterruptedJobs } from './jobs';
import { setBadge } from './badge';
import { installTestHooks } from './test-hooks';
import { installSafety } from './safety';
import { installDetection, migrateLegacyDetectPrefs } from './detection';
import {
  armTimestampAlarm,
  retryPendingTimestamps,
  scheduleTimestampRetries,
  timestampItem,
  timestampsEnabled,
} from './timestamps';
import {
  clipPagePosts,
  isTelegramLayout,
  registerTelegramMessages,
  telegramFallbackAlterations,
} from './telegram';
import { registerMediaMessages } from './media-messages';
import { capturePageMedia, setMediaControls } from './media';
import { installStoredRoute } from './stored-route';
import { attachVault, installVault, onStoreUnlocked, vaultActivity } from './vault';
import { installAlwaysOn } from './always-on';
import { installTlsRecorder } from './tls';

const MENU_ID = 'protokol-clip-page';

export function startBackground(): void {
  // Detection, the media watch and the Telegram recogniser run only while all sites are allowed.
  installAlwaysOn();
  const db = openEvidenceDb();
  // Before anything opens the store: each opening first takes the vault's state (locked,
  // unlocked from the session key, or clear), so nothing is written in clear to an encrypted store.
  attachVault(db);
  const origin = browser.runtime.getURL('/');
  // A worker that starts while a capture is marked running was stopped in the middle of it.
  const recovered = recoverInterruptedJobs(db)
    .then((n) => (n > 0 ? setBadge('problem') : undefined))
    .catch((e: unknown) => console.error('Protokol: could not check for interrupted captures', e));

  const privileged = <K extends keyof ProtocolMap>(
    type: K,
    sender: chrome.runtime.MessageSender,
  ): void => {
    if (PRIVILEGED.has(type) && !isExtensionPageSender(sender, browser.runtime.id, origin)) {
      throw new Error(translate('en', 'errForbidden'));
    }
    // What the user does in the extension's pages keeps an unlocked store from locking itself.
    if (PRIVILEGED.has(type) && type !== 'vault.status') void vaultActivity(db);
  };

  const runCapture = async (
    tabId: number,
    caseId?: string | null,
    media: CaptureTabRequest['media'] = 'none',
    recordFor?: CaptureTabRequest['recordFor'],
    fullPage: CaptureTabRequest['fullPage'] = 'background',
  ): Promise<CaptureResult> => {
    await recovered; // never let the start-up recovery mistake this new capture for a dead one
    await fullPageDone(tabId); // an earlier capture of this tab may still be scrolling it
    await setBadge('busy', tabId).catch(() => undefined);
    // A Telegram host whose layout is unknown is captured as a page, and the item says why.
    const alterations = await telegramFallbackAlterations(tabId);
    // The media hover control must not show in the page's screenshots (the full-page one too).
    await setMediaControls(tabId, false);
    const cap = await captureTab(db, tabId, { caseId, alterations }).catch((e: unknown) => {
      void setMediaControls(tabId, true);
      throw e;
    });
    const res = cap.result;
    // The control comes back once the page is no longer being screenshot (after phase 2).
    const controlsBack = (cap.fullPage ?? Promise.resolve()).then(() =>
      setMediaControls(tabId, true),
    );
    // Wait for the full-page screenshot when asked to, and before anything else scrolls the
    // page (post clipping, media); otherwise it goes on in the background.
    const wait =
      cap.fullPage !== null &&
      (fullPage === 'wait' || media !== 'none' || (await isTelegramLayout(tabId)));
    if (wait && cap.fullPage) {
      const { state, timings } = await cap.fullPage;
      if (res.ok) {
        res.full_page = state;
        Object.assign(res.timings, timings);
      }
    }
    if (!cap.fullPage || wait) await controlsBack;
    // On a Telegram page each post is also saved as its own item (entrypoints/background/telegram.ts).
    if (res.ok) res.telegram = await clipPagePosts(db, tabId, caseId ?? null);
    // The batch CLI's --media: the page's media, each its own item linked to the page item.
    if (res.ok && media !== 'none') {
      res.media = await capturePageMedia(db, tabId, media, {
        caseId: caseId ?? null,
        recordFor,
        pageItemId: res.item_id,
      });
    }
    const locale = pickLocale([navigator.language]);
    await setBadge(
      res.ok ? 'saved' : 'problem',
      tabId,
      res.ok ? res.title : translate(locale, res.error.code, { ...res.error.params }),
    ).catch(() => undefined);
    return res;
  };

  onMessage('captureTab', async ({ data, sender }) => {
    privileged('captureTab', sender);
    const req = CaptureTabRequest.parse(data);
    return runCapture(req.tabId, req.caseId, req.media, req.recordFor, req.fullPage);
  });
  onMessage('fullPageStatus', async ({ data, sender }) => {
    privileged('fullPageStatus', sender);
    const { item_id } = ItemIdRequest.parse(data);
    const item = await db.items.get(item_id);
    return { state: item?.full_page ?? null, progress: fullPageProgress(item_id) };
  });
  onMessage('pendingProblems', async ({ sender }) => {
    privileged('pendingProblems', sender);
    await recovered;
    const jobs = await db.jobs.where('status').anyOf('failed', 'interrupted').toArray();
    return jobs.filter((j) => !j.seen).sort((a, b) => b.started_at.localeCompare(a.started_at));
  });
  onMessage('retryTimestamps', async ({ sender }) => {
    privileged('retryTimestamps', sender);
    return retryPendingTimestamps(db);
  });
  onMessage('dismissJob', async ({ data, sender }) => {
    privileged('dismissJob', sender);
    const { id } = JobIdRequest.parse(data);
    await db.jobs.update(id, { seen: true });
  });

  browser.runtime.onInstalled.addListener((details) => {
    // First run: show the library, which explains how to capture. Not in test builds, whose
    // tests count tabs.
    if (details.reason === 'install' && import.meta.env.MODE !== 'e2e') {
      void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
    }
    browser.contextMenus.create({
      id: MENU_ID,
      title: translate(pickLocale([navigator.language]), 'popupClip'),
      contexts: ['page', 'frame', 'selection', 'image', 'video', 'link'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab?.id !== undefined) void runCapture(tab.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'clip-page') return;
    void (async () => {
      const id =
        tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (id !== undefined) await runCapture(id);
    })();
  });

  registerTelegramMessages({ db, privileged, recovered });
  registerMediaMessages({ db, privileged, recovered });
  installStoredRoute(db);
  installSafety(db, (sender) => privileged('panicWipe', sender), armTimestampAlarm);
  const vault = installVault(
    db,
    (type, sender) => privileged(type as keyof ProtocolMap, sender),
    armTimestampAlarm,
  );
  // Captures sealed while locked go into the library at each unlock (and when a restarted
  // worker resumes an unlocked session), then get their timestamps if the user turned them on.
  // The detection switches move from storage.local into the store once (at unlock if locked).
  void migrateLegacyDetectPrefs(db).catch((e: unknown) =>
    console.error('Protokol: could not move the detection settings into the store', e),
  );
  onStoreUnlocked((store) => migrateLegacyDetectPrefs(store));
  // Full-page screenshots whose item could not take them because the store locked meanwhile.
  onStoreUnlocked(async (store) => void (await addDeferredFullPages(store)));
  onStoreUnlocked(async (store) => {
    const report = await openSealedQueue(store);
    if (report.keptAside.length > 0 || report.failed.length > 0)
      console.error('Protokol: some sealed captures were not opened', report);
    if (report.opened.length > 0 && (await timestampsEnabled(store)))
      for (const id of report.opened) {
        await markTimestampPending(store, id);
        void timestampItem(store, id);
      }
  });
  scheduleTimestampRetries(db);
  void recovered.then(() => retryPendingTimestamps(db));

  installDetection(db, privileged);
  installTlsRecorder();

  if (import.meta.env.MODE === 'e2e')
    installTestHooks({ db, runCapture, recovered, vaultService: vault });
}
