/**
 * "Re-check on t.me" for a saved Telegram post with a public address: the last re-check from
 * the custody log, and a button that fetches the post's public embed now (a request to t.me,
 * explained beside the button; nothing is sent until it is pressed). The background records
 * what it found as a `rechecked` custody event, so the result shows here from the log.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import { embedUrlOfSource } from '@/utils/capture/telegram-second-path';
import type { MessageKey } from '@/utils/i18n';
import type { UserError } from '@/utils/protocol';
import type { Item } from '@/utils/schemas';
import { listRechecks, type RecheckEvent } from '@/utils/store';
import { formatShort } from './format';
import { custodyOf, liveRead } from './live';

/** Props of {@link TelegramRecheck}. */
export interface TelegramRecheckProps {
  item: Item;
}

/** Whether an item gets the re-check: a Telegram post with a public embed URL. */
export function canRecheck(item: Item): boolean {
  return item.kind === 'telegram_post' && embedUrlOfSource(item.source) !== null;
}

function resultText(
  t: (k: MessageKey, p?: Record<string, string | number>) => string,
  r: RecheckEvent,
) {
  switch (r.result) {
    case 'unchanged':
      return t('tgRecheckUnchanged');
    case 'edited': {
      const what = [
        r.text_agrees === false ? t('tgRecheckTextDiffers') : null,
        r.date_agrees === false ? t('tgRecheckDateDiffers') : null,
      ].filter((s): s is string => s !== null);
      return t('tgRecheckEdited', { what: what.join(', ') });
    }
    case 'deleted':
      return t('tgRecheckDeleted');
    default:
      return t('tgRecheckUnreachable', { error: r.error ?? (r.status ? `HTTP ${r.status}` : '?') });
  }
}

export function TelegramRecheck({ item }: TelegramRecheckProps) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const checks = useLiveQuery(
    liveRead(custodyOf(item.id), (db) => listRechecks(db, item.id)),
    [item.id],
  );
  const url = embedUrlOfSource(item.source);
  if (item.kind !== 'telegram_post' || !url) return null;
  const last = checks?.at(-1);
  const kept = last?.artifacts[0]?.path.split('/').pop();

  const run = () => {
    setBusy(true);
    setError(null);
    sendMessage('recheckTelegramPost', { itemId: item.id })
      .then((res) => {
        if (!res.ok) setError(res.error);
      })
      .catch((e: unknown) =>
        setError({
          code: 'errUnknown',
          params: { detail: e instanceof Error ? e.message : String(e) },
        }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="telegram-recheck" data-testid="telegram-recheck">
      <p className="muted">{t('tgRecheckExplain', { url })}</p>
      <p>
        <button type="button" onClick={run} disabled={busy} data-testid="telegram-recheck-button">
          {busy ? t('tgRechecking') : t('tgRecheck')}
        </button>
      </p>
      {error && (
        <p className="warn" role="alert" data-testid="telegram-recheck-error">
          {t(error.code, { detail: error.detail ?? error.params?.detail ?? '' })}
        </p>
      )}
      {checks &&
        (last ? (
          <p
            className={last.result === 'unchanged' ? undefined : 'warn'}
            data-testid="telegram-recheck-last"
            data-result={last.result}
            role="status"
          >
            {t('tgRecheckLast', {
              date: formatShort(locale, last.at, { seconds: true }),
              result: resultText(t, last),
            })}
            {kept ? ` ${t('tgRecheckKept', { name: kept })}` : ''}
            {checks.length > 1 ? ` ${t('tgRecheckCount', { n: checks.length })}` : ''}
          </p>
        ) : (
          <p className="muted" data-testid="telegram-recheck-last" data-result="none">
            {t('tgRecheckNever')}
          </p>
        ))}
    </div>
  );
}
