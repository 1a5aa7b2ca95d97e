/**
 * Detection in the browser, background side. The content script (entrypoints/detector.content)
 * sends the page's visible text; `detect()` runs here, so no long task runs on the page's main
 * thread. The result is kept per tab in `storage.session` (a stopped worker loses nothing), the
 * badge is set, and the passages go back to the content script. Extension pages ask about a tab,
 * ask for the highlights, and mark a page relevant or not (on-device learning).
 */
import { browser, type Browser } from 'wxt/browser';
import { onMessage, sendMessage } from '@/lib/messaging';
import { CATEGORY_LABEL } from '@/components/library/labels';
import { detect, learn, type LocalModel } from '@/utils/detect';
import {
  DetectPageRequest,
  LearnRequest,
  ShowOnPageRequest,
  TabRequest,
  type HighlightAnswer,
  type TabDetection,
} from '@/utils/detect/messages';
import {
  DETECT_PREFS_KEY,
  parseDetectPrefs,
  scanAllowed,
  type DetectPrefs,
} from '@/utils/detect/prefs';
import { formatPercent, LOCALES, pickLocale, translate, type Locale } from '@/utils/i18n';
import type { ProtocolMap } from '@/utils/protocol';
import {
  getDetectModel,
  getDetectPrefs,
  migrateDetectPrefs,
  setDetectModel,
  setDetectPrefs,
  type EvidenceDb,
} from '@/utils/store';
import { storeLocked } from './locked';
import { badgeShows, setBadge } from './badge';

type Privileged = <K extends keyof ProtocolMap>(
  type: K,
  sender: Browser.runtime.MessageSender,
) => void;

const stateKey = (tabId: number) => `detect:tab:${tabId}`;
const NONE: HighlightAnswer = { shown: false, passages: 0, boxes: 0 };

/** The switches as last read from the store, in memory-only session storage (for while locked). */
const PREFS_CACHE = 'detect:prefs';

/**
 * The detection switches, from the store. While the store is locked they cannot be read: the
 * copy kept in session storage since the last unlock (memory only), or the old storage.local copy
 * not yet moved into the store; null when neither exists (then nothing is scanned).
 */
export async function currentDetectPrefs(db: EvidenceDb): Promise<DetectPrefs | null> {
  if (await storeLocked(db)) {
    const kept = (await browser.storage.session.get(PREFS_CACHE))[PREFS_CACHE];
    if (kept !== undefined) return parseDetectPrefs(kept);
    const legacy = (await browser.storage.local.get(DETECT_PREFS_KEY))[DETECT_PREFS_KEY];
    return legacy === undefined ? null : parseDetectPrefs(legacy);
  }
  // Moved first if still in storage.local, so a page scanned at start-up sees the user's list.
  await migrateLegacyDetectPrefs(db);
  const prefs = await getDetectPrefs(db);
  await browser.storage.session.set({ [PREFS_CACHE]: prefs });
  return prefs;
}

/**
 * Earlier versions kept the switches (with the list of sites) in storage.local: move them into
 * the store once, then delete the old copy. Waits for the unlock when the store is locked.
 */
export async function migrateLegacyDetectPrefs(db: EvidenceDb): Promise<void> {
  const legacy = (await browser.storage.local.get(DETECT_PREFS_KEY))[DETECT_PREFS_KEY];
  if (legacy === undefined || (await storeLocked(db))) return;
  await migrateDetectPrefs(db, legacy);
  await browser.storage.local.remove(DETECT_PREFS_KEY);
}

/** Changing the switches or the learned model writes sealed settings: refused while locked. */
async function refuseWhileLocked(db: EvidenceDb): Promise<void> {
  if (await storeLocked(db)) throw new Error(translate(await uiLocale(), 'errStoreLocked'));
}

/** What capture stores as the item's `detection`: the learned model, or null when detection is off. */
export async function detectionAtCapture(db: EvidenceDb): Promise<{ model: LocalModel } | null> {
  return (await currentDetectPrefs(db))?.enabled ? { model: await getDetectModel(db) } : null;
}

export async function tabDetection(tabId: number): Promise<TabDetection | null> {
  const key = stateKey(tabId);
  const r = await browser.storage.session.get(key);
  return (r[key] as TabDetection | undefined) ?? null;
}

async function forget(tabId: number): Promise<void> {
  await browser.storage.session.remove(stateKey(tabId));
  if (await badgeShows('flag', tabId).catch(() => false)) await setBadge(null, tabId, 'Protokol');
}

async function uiLocale(): Promise<Locale> {
  const saved = (await browser.storage.local.get('locale')).locale;
  return typeof saved === 'string' && (LOCALES as readonly string[]).includes(saved)
    ? (saved as Locale)
    : pickLocale([navigator.language]);
}

async function showBadge(tabId: number, d: TabDetection): Promise<void> {
  if (!d.is_violation) {
    if (await badgeShows('flag', tabId)) await setBadge(null, tabId, 'Protokol');
    return;
  }
  const locale = await uiLocale();
  const categories = d.categories
    .slice(0, 3)
    .map((c) => translate(locale, CATEGORY_LABEL[c.id]))
    .join(', ');
  await setBadge(
    'flag',
    tabId,
    translate(locale, 'detBadgeTitle', { score: formatPercent(locale, d.score), categories }),
  );
}

function scan(
  text: string,
  model: LocalModel,
  url: string,
  extractMs: number,
  truncated: boolean,
  marked?: boolean,
): TabDetection {
  const t0 = performance.now();
  const r = detect(text, { model });
  return {
    url,
    scanned_at: new Date().toISOString(),
    is_violation: r.is_violation,
    score: r.score,
    lang: r.lang,
    categories: r.categories,
    entities: r.entities,
    passages: r.passages.map((p) => ({ start: p.start, end: p.end, category: p.category })),
    chars: text.length,
    truncated,
    timings: {
      extract_ms: Math.round(extractMs * 10) / 10,
      detect_ms: Math.round((performance.now() - t0) * 10) / 10,
    },
    ...(marked === undefined ? {} : { marked }),
  };
}

async function store(tabId: number, d: TabDetection): Promise<void> {
  await browser.storage.session.set({ [stateKey(tabId)]: d });
  await showBadge(tabId, d).catch(() => undefined);
}

export function installDetection(db: EvidenceDb, privileged: Privileged): void {
  // Page-scoped: the tab and URL are the sender's, never taken from the message.
  onMessage('detectPage', async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    const url = sender.url ?? sender.tab?.url ?? '';
    if (tabId === undefined || sender.id !== browser.runtime.id || sender.frameId !== 0)
      return { scanned: false };
    const req = DetectPageRequest.parse(data);
    const prefs = await currentDetectPrefs(db);
    if (!prefs || !scanAllowed(prefs, url)) return { scanned: false };
    const d = scan(req.text, await getDetectModel(db), url, req.extract_ms, req.truncated);
    await store(tabId, d);
    return { scanned: true, is_violation: d.is_violation, passages: d.passages };
  });

  // Page-scoped: whether the sender's page may be scanned (content scripts never read the store).
  onMessage('detectionWanted', async ({ sender }) => {
    const url = sender.url ?? sender.tab?.url ?? '';
    if (sender.tab?.id === undefined || sender.id !== browser.runtime.id || sender.frameId !== 0)
      return false;
    const prefs = await currentDetectPrefs(db);
    return prefs !== null && scanAllowed(prefs, url);
  });

  onMessage('detectionPrefs', async ({ sender }) => {
    privileged('detectionPrefs', sender);
    return (await currentDetectPrefs(db)) ?? parseDetectPrefs(undefined);
  });

  onMessage('setDetectionPrefs', async ({ data, sender }) => {
    privileged('setDetectionPrefs', sender);
    await refuseWhileLocked(db);
    const prefs = await setDetectPrefs(db, parseDetectPrefs(data));
    await browser.storage.session.set({ [PREFS_CACHE]: prefs });
    clearTabsNotAllowed(prefs);
    return prefs;
  });

  onMessage('detectionForTab', async ({ data, sender }) => {
    privileged('detectionForTab', sender);
    const { tabId } = TabRequest.parse(data);
    const d = await tabDetection(tabId);
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return d && tab?.url === d.url ? d : null;
  });

  onMessage('showOnPage', async ({ data, sender }) => {
    privileged('showOnPage', sender);
    const { tabId, show } = ShowOnPageRequest.parse(data);
    const d = await tabDetection(tabId);
    if (!d && show) return NONE;
    const passages = (d?.passages ?? []).map(({ start, end }) => ({ start, end }));
    return (
      (await sendMessage('highlightPassages', { show, passages }, { tabId, frameId: 0 })) ?? NONE
    );
  });

  onMessage('learnDetection', async ({ data, sender }) => {
    privileged('learnDetection', sender);
    await refuseWhileLocked(db);
    const { tabId, relevant } = LearnRequest.parse(data);
    const before = await tabDetection(tabId);
    if (!before) return null;
    const page = await sendMessage('pageText', undefined, { tabId, frameId: 0 });
    if (!page) return null;
    const model = learn(await getDetectModel(db), page.text, relevant);
    await setDetectModel(db, model);
    const d = scan(
      page.text,
      model,
      before.url,
      before.timings.extract_ms,
      before.truncated,
      relevant,
    );
    await store(tabId, d);
    if (!d.is_violation)
      await sendMessage(
        'highlightPassages',
        { show: false, passages: [] },
        { tabId, frameId: 0 },
      ).catch(() => undefined);
    return d;
  });

  onMessage('forgetDetection', async ({ data, sender }) => {
    privileged('forgetDetection', sender);
    const { tabId } = TabRequest.parse(data);
    await sendMessage(
      'highlightPassages',
      { show: false, passages: [] },
      { tabId, frameId: 0 },
    ).catch(() => undefined);
    await forget(tabId);
  });

  browser.tabs.onRemoved.addListener(
    (tabId) => void browser.storage.session.remove(stateKey(tabId)),
  );
  // A new page in the tab: the old result no longer applies (the content script scans the new one).
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url === undefined) return;
    void tabDetection(tabId).then((d) => (d && d.url !== change.url ? forget(tabId) : undefined));
  });
}

/** Switched off (globally or for a site): take the flags and highlights off the open tabs at once. */
function clearTabsNotAllowed(prefs: DetectPrefs): void {
  void browser.storage.session.get(null).then(async (all) => {
    for (const [key, value] of Object.entries(all)) {
      const tabId = Number(key.slice('detect:tab:'.length));
      if (!key.startsWith('detect:tab:') || scanAllowed(prefs, (value as TabDetection).url))
        continue;
      await sendMessage(
        'highlightPassages',
        { show: false, passages: [] },
        { tabId, frameId: 0 },
      ).catch(() => undefined);
      await forget(tabId);
    }
  });
}
