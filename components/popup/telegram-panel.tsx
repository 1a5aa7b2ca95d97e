/**
 * The popup's Telegram panel, shown only when the tab holds a Telegram page the adapters know:
 * clip every post in view, or the posts from one id to another.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import type { TelegramBatchResult } from '@/utils/protocol';
import { SECOND_PATH_KEY, type TelegramPageInfo } from '@/utils/protocol-telegram';

type State = { s: 'idle' } | { s: 'busy' } | { s: 'done'; res: TelegramBatchResult };

export function TelegramPanel({ tabId, caseId }: { tabId: number; caseId: string | null }) {
  const { t } = useI18n();
  const [info, setInfo] = useState<TelegramPageInfo | null>(null);
  const [state, setState] = useState<State>({ s: 'idle' });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [secondPath, setSecondPath] = useState(false);

  useEffect(() => {
    void browser.storage.local
      .get(SECOND_PATH_KEY)
      .then((r) => setSecondPath(r[SECOND_PATH_KEY] === true));
  }, []);

  useEffect(() => {
    let live = true;
    void sendMessage('telegramPageInfo', { tabId })
      .catch(() => null)
      .then((i) => {
        if (!live || !i) return;
        setInfo(i);
        setFrom(String(i.post_ids[0] ?? ''));
        setTo(String(i.post_ids[i.post_ids.length - 1] ?? ''));
      });
    return () => {
      live = false;
    };
  }, [tabId]);

  if (!info) return null;
  const run = async (mode: 'in_view' | 'range') => {
    setState({ s: 'busy' });
    const res = await sendMessage('clipTelegramPosts', {
      tabId,
      mode,
      caseId,
      ...(mode === 'range' ? { from: Number(from), to: Number(to) } : {}),
    }).catch((e: unknown): TelegramBatchResult => ({
      results: [],
      error: { code: 'errUnknown', params: { detail: String(e) } },
    }));
    setState({ s: 'done', res });
  };
  const rangeOk = /^\d+$/.test(from) && /^\d+$/.test(to) && Number(from) > 0 && Number(to) > 0;
  const saved = state.s === 'done' ? state.res.results.filter((r) => r.ok).length : 0;
  const failed = state.s === 'done' ? state.res.results.filter((r) => !r.ok) : [];

  return (
    <section className="telegram" data-testid="telegram-panel" data-adapter={info.adapter}>
      <h2>
        {t('tgPanelTitle', {
          channel: info.channel_title ?? (info.channel ? `@${info.channel}` : '—'),
        })}
      </h2>
      <p className="note">
        {t('tgPanelPosts', { count: info.post_ids.length, inView: info.in_view.length })}
      </p>
      <button
        data-testid="tg-clip-in-view"
        disabled={state.s === 'busy'}
        onClick={() => void run('in_view')}
      >
        {t('tgClipInView')}
      </button>
      <div className="range">
        <label>
          {t('tgRangeFrom')}{' '}
          <input
            data-testid="tg-from"
            inputMode="numeric"
            size={7}
            value={from}
            onChange={(e) => setFrom(e.target.value.trim())}
          />
        </label>{' '}
        <label>
          {t('tgRangeTo')}{' '}
          <input
            data-testid="tg-to"
            inputMode="numeric"
            size={7}
            value={to}
            onChange={(e) => setTo(e.target.value.trim())}
          />
        </label>
        <button
          data-testid="tg-clip-range"
          disabled={state.s === 'busy' || !rangeOk}
          onClick={() => void run('range')}
        >
          {t('tgClipRange')}
        </button>
      </div>
      {(info.adapter === 'webk' || info.adapter === 'weba') && (
        <label className="note">
          <input
            type="checkbox"
            data-testid="tg-second-path"
            checked={secondPath}
            onChange={(e) => {
              setSecondPath(e.target.checked);
              void browser.storage.local.set({ [SECOND_PATH_KEY]: e.target.checked });
            }}
          />{' '}
          {t('tgSecondPath')}
        </label>
      )}
      <div
        role="status"
        data-testid="tg-status"
        data-state={state.s === 'done' ? (state.res.error ? 'error' : 'ok') : state.s}
        data-saved={saved}
        data-failed={failed.length}
      >
        {state.s === 'busy' && <p className="note">{t('tgClippingPosts')}</p>}
        {state.s === 'done' && state.res.error && (
          <p className="error">{t(state.res.error.code, { ...state.res.error.params })}</p>
        )}
        {state.s === 'done' && !state.res.error && (
          <>
            <p className={failed.length ? 'error' : 'ok'}>
              {t('tgBatchDone', { saved, failed: failed.length })}
            </p>
            {state.res.results.some((r) => r.ok && r.sealed) && (
              <p className="note" data-testid="tg-sealed">
                {t('tgPostSealed')}
              </p>
            )}
            {failed.map(
              (r) =>
                !r.ok && (
                  <p className="error" key={r.post_id ?? 'x'}>
                    {t('tgPostFailed', {
                      // A post number is a name, not a quantity: no thousands separator.
                      id: r.post_id === undefined || r.post_id === null ? '?' : String(r.post_id),
                      error: t(r.error.code, { ...r.error.params }),
                    })}
                  </p>
                ),
            )}
          </>
        )}
      </div>
    </section>
  );
}
