/**
 * The state of an item's full-page screenshot, taken after the item was saved: being taken (with
 * the views so far, asked of the background while it runs), added, or missing and why. Shown in
 * the popup after "Saved" and in the library's item view.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import type { FullPageStatus as Status } from '@/utils/protocol';
import type { FullPageState } from '@/utils/schemas';

const POLL_MS = 400;

export function FullPageStatus({
  itemId,
  state,
}: {
  itemId: string;
  /** The state as the caller knows it (the capture's answer, the item read from the store). */
  state: FullPageState | undefined;
}) {
  const { t } = useI18n();
  const [live, setLive] = useState<Status | null>(null);
  const pending = state?.status === 'pending';

  useEffect(() => {
    if (!pending) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const s = await sendMessage('fullPageStatus', { item_id: itemId }).catch(() => null);
      if (stopped) return;
      if (s) setLive(s);
      if (!s || s.state?.status === 'pending') timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [itemId, pending]);

  // The caller's state once it is final; while it is pending, what the background says.
  const shown = pending ? (live?.state ?? state) : state;
  if (!shown) return null;
  const progress = live?.progress;
  return (
    <p
      className={shown.status === 'missing' ? 'warn' : 'note'}
      data-testid="fullpage-status"
      data-status={shown.status}
    >
      {shown.status === 'pending' &&
        (progress && progress.total > 0
          ? t('fpPhaseProgress', { done: progress.done, total: progress.total })
          : t('fpPhaseRunning'))}
      {shown.status === 'added' && t('fpPhaseAdded', { frames: shown.frames ?? 0 })}
      {shown.status === 'missing' && t('fpPhaseMissing', { reason: shown.reason ?? '?' })}
    </p>
  );
}
