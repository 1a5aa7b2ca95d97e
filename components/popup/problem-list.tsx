/** Captures that failed or were interrupted, until the user dismisses them. */
import { useI18n } from '@/components/i18n';
import type { CaptureJob } from '@/utils/schemas';
import type { UserError } from '@/utils/protocol';

export function ProblemList({
  jobs,
  onDismiss,
}: {
  jobs: CaptureJob[];
  onDismiss: (id: string) => void;
}) {
  const { t } = useI18n();
  if (jobs.length === 0) return null;
  return (
    <section className="problems" data-testid="problems">
      <h2>{t('popupProblems')}</h2>
      <ul>
        {jobs.map((j) => (
          <li key={j.id} data-testid="problem" data-status={j.status}>
            <span>
              {t((j.error?.code ?? 'errUnknown') as UserError['code'], {
                url: j.url,
                detail: j.error?.detail ?? '',
              })}
            </span>
            <button onClick={() => onDismiss(j.id)}>{t('popupDismiss')}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
