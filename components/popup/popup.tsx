/** The toolbar popup: clip the current page, see the outcome, reach the library. */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { LanguageSwitch, useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import { formatDateTime } from '@/utils/i18n';
import type { CaptureResult } from '@/utils/protocol';
import type { CaptureJob } from '@/utils/schemas';
import { CaseSelect } from './case-select';
import { ProblemList } from './problem-list';
import { PanicWipe } from './panic-wipe';
import { DetectionPanel } from './detection-panel';
import { TelegramPanel } from './telegram-panel';
import { MediaPanel } from './media-panel';
import { FullPageStatus } from '@/components/fullpage-status';
import { LockButton, VaultGate } from '@/components/vault/vault-gate';
import { popupDb } from './db';

interface TargetTab {
  id: number;
  url: string;
  title: string;
}

/** The tab to capture: `?tab=<id>` when the popup is opened in its own window, else the active tab. */
async function findTarget(): Promise<TargetTab | null> {
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param
    ? await browser.tabs.get(Number(param)).catch(() => undefined)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return null;
  return { id: tab.id, url: tab.url ?? '', title: tab.title ?? '' };
}

type State = { s: 'idle' } | { s: 'busy' } | { s: 'done'; res: CaptureResult };

/**
 * The popup's frame: the header (with Lock while the store is unlocked) and the panic wipe are
 * always there; between them the capture controls, or while the store is locked the lock screen
 * and only the controls that work locked: clipping the page or Telegram posts (sealed into the
 * queue, docs/vault-design.md §5). Cases, media, detection and problems read the store: hidden.
 */
export function Popup() {
  const { t } = useI18n();
  return (
    <VaultGate
      db={popupDb()}
      compact
      frame={(body) => (
        <main className="popup">
          <header>
            <strong>{t('appName')}</strong>
            <span className="popup-header-actions">
              <LockButton />
              <LanguageSwitch />
            </span>
          </header>
          {body}
          <PanicWipe />
        </main>
      )}
      whileLocked={<PopupContent locked />}
    >
      <PopupContent locked={false} />
    </VaultGate>
  );
}

function PopupContent({ locked }: { locked: boolean }) {
  const { t, locale } = useI18n();
  const [target, setTarget] = useState<TargetTab | null | undefined>(undefined);
  const [state, setState] = useState<State>({ s: 'idle' });
  const [caseId, setCaseId] = useState<string | null>(null);
  const [problems, setProblems] = useState<CaptureJob[]>([]);

  useEffect(() => {
    void findTarget().then(setTarget);
    if (!locked) void sendMessage('pendingProblems', undefined).then(setProblems);
  }, [locked]);

  const capturable = !!target && /^https?:\/\//i.test(target.url);
  const clip = async () => {
    if (!target) return;
    setState({ s: 'busy' });
    // The full-page screenshot follows in the background; FullPageStatus shows how it goes.
    const res = await sendMessage('captureTab', {
      tabId: target.id,
      caseId,
      fullPage: 'background',
    }).catch((e: unknown): CaptureResult => ({
      ok: false,
      error: { code: 'errUnknown', params: { detail: String(e) } },
    }));
    setState({ s: 'done', res });
  };
  const openLibrary = (itemId?: string) =>
    void browser.tabs.create({
      url: browser.runtime.getURL(`/library.html${itemId ? `#item=${itemId}` : ''}`),
    });
  const dismiss = async (id: string) => {
    await sendMessage('dismissJob', { id });
    setProblems((p) => p.filter((j) => j.id !== id));
  };

  return (
    <>
      {target && (
        <p className="target" title={target.url}>
          {target.title || target.url}
        </p>
      )}
      {target !== undefined && !capturable && <p className="note">{t('popupCannotCapture')}</p>}
      {!locked && <CaseSelect value={caseId} onChange={setCaseId} />}
      <button
        className="primary"
        data-testid="clip-page"
        disabled={!capturable || state.s === 'busy'}
        onClick={() => void clip()}
      >
        {state.s === 'busy' ? t('popupClipping') : t('popupClip')}
      </button>
      <div
        data-testid="capture-status"
        data-state={
          state.s === 'done'
            ? state.res.ok
              ? state.res.sealed
                ? 'sealed'
                : 'ok'
              : 'error'
            : state.s
        }
        role="status"
      >
        {state.s === 'done' && state.res.ok && state.res.sealed && (
          <>
            <p className="ok" data-testid="capture-sealed" data-item-id={state.res.item_id}>
              {t('popupSealed')}
            </p>
            <p className="note">{t('popupSealedNote')}</p>
            {state.res.telegram && state.res.telegram.results.length > 0 && (
              <p className="note" data-testid="telegram-posts-saved">
                {t('tgPagePosts', { count: state.res.telegram.results.filter((r) => r.ok).length })}
              </p>
            )}
          </>
        )}
        {state.s === 'done' && state.res.ok && !state.res.sealed && (
          <>
            <p className="ok">{t('popupSaved', { title: state.res.title })}</p>
            <p className="note">
              {t('popupSavedIn', { ms: Math.round(state.res.timings.total ?? 0) })}
            </p>
            <FullPageStatus itemId={state.res.item_id} state={state.res.full_page} />
            {state.res.telegram && state.res.telegram.results.length > 0 && (
              <p className="note" data-testid="telegram-posts-saved">
                {t('tgPagePosts', { count: state.res.telegram.results.filter((r) => r.ok).length })}
              </p>
            )}
            {state.res.earlier[0] && (
              <p
                data-testid="observed-again"
                data-identical={String(state.res.earlier[0].identical)}
              >
                {t(state.res.earlier[0].identical ? 'popupIdentical' : 'popupChanged', {
                  date: formatDateTime(locale, state.res.earlier[0].captured_at),
                })}
              </p>
            )}
            <button onClick={() => state.res.ok && openLibrary(state.res.item_id)}>
              {t('popupOpenItem')}
            </button>
          </>
        )}
        {state.s === 'done' && !state.res.ok && (
          <p className="error" data-testid="capture-error" data-code={state.res.error.code}>
            {t(state.res.error.code, { ...state.res.error.params })}
          </p>
        )}
      </div>
      {capturable && target && <TelegramPanel tabId={target.id} caseId={caseId} />}
      {!locked && capturable && target && <MediaPanel tabId={target.id} caseId={caseId} />}
      {!locked && capturable && target && <DetectionPanel tabId={target.id} url={target.url} />}
      {!locked && <ProblemList jobs={problems} onDismiss={(id) => void dismiss(id)} />}
      <footer>
        <button data-testid="open-library" onClick={() => openLibrary()}>
          {t('popupOpenLibrary')}
        </button>
        <span className="note">{t('popupShortcut', { keys: 'Alt+Shift+S' })}</span>
      </footer>
    </>
  );
}
