import { useI18n } from '@/components/i18n';
import { useIntegrityReport } from './integrity-session';

/** Props of {@link IntegrityBadge}. */
export interface IntegrityBadgeProps {
  itemId: string;
}

/** Pass/fail badge for an item checked during this session; nothing if unchecked. */
export function IntegrityBadge({ itemId }: IntegrityBadgeProps) {
  const { t } = useI18n();
  const report = useIntegrityReport(itemId);
  if (!report) return null;
  return (
    <span
      className={`badge ${report.ok ? 'badge-ok' : 'badge-fail'}`}
      data-testid="integrity-badge"
      data-ok={String(report.ok)}
      title={report.ok ? t('libIntegrityAllOk') : t('libIntegrityProblems')}
    >
      {report.ok ? t('libIntegrityBadgeOk') : t('libIntegrityBadgeFail')}
    </span>
  );
}
