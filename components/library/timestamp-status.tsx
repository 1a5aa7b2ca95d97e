/** Whether an item carries its capture-time trusted timestamp, and a way to ask again. */
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import { formatDateTime } from '@/utils/i18n';
import type { Item } from '@/utils/schemas';

export function TimestampStatus({ item }: { item: Item }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const ts = item.timestamp;
  if (!ts) return null;
  if (ts.status === 'granted') {
    return (
      <p className="muted" data-testid="timestamp-status" data-status="granted">
        {t('tsGranted', {
          tsa: ts.tsa ?? '?',
          time: ts.time ? formatDateTime(locale, ts.time, 'UTC') : '?',
        })}
      </p>
    );
  }
  return (
    <p className="warn" data-testid="timestamp-status" data-status="pending">
      {ts.last_error ? t('tsPendingError', { error: ts.last_error }) : t('tsPending')}{' '}
      <button
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void sendMessage('retryTimestamps', undefined).finally(() => setBusy(false));
        }}
      >
        {t('tsRetry')}
      </button>
    </p>
  );
}
