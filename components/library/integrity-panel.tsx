/**
 * "Check integrity": re-hash every stored artifact and walk the custody chain. The result is
 * meant to be read at a glance (green / red) and, on failure, to show exactly which file or
 * which event broke, with both hashes, because that is what a lawyer has to explain.
 */
import { checkIntegrity, type IntegrityReport } from '@/utils/store';
import { useI18n } from '@/components/i18n';
import { useAsyncAction } from '@/components/ui/use-async-action';
import { getDb } from './db';
import { formatShort } from './format';
import { recordIntegrity, useIntegrityReport } from './integrity-session';
import { ROLE_LABEL } from './labels';

/** Props of {@link IntegrityPanel}. */
export interface IntegrityPanelProps {
  itemId: string;
}

function ArtifactResult({ a }: { a: IntegrityReport['artifacts'][number] }) {
  const { t } = useI18n();
  return (
    <li
      className={a.ok ? 'pass' : 'fail'}
      data-testid="integrity-artifact"
      data-ok={String(a.ok)}
      data-role={a.role}
    >
      <span className="mark" aria-hidden="true">
        {a.ok ? '✓' : '✗'}
      </span>{' '}
      <strong>{t(ROLE_LABEL[a.role])}</strong>{' '}
      <span className="muted mono small" title={a.path}>
        {a.path.split('/').pop()}
      </span>{' '}
      <span>{a.ok ? t('libIntegrityMatches') : t('libIntegrityMismatch')}</span>
      {!a.ok && (
        <dl className="hash-pair">
          <dt>{t('libIntegrityExpected')}</dt>
          <dd>
            <code className="hash">{a.expected}</code>
          </dd>
          <dt>{t('libIntegrityActual')}</dt>
          <dd>
            <code className="hash">{a.actual || '—'}</code>
          </dd>
          {a.error && (
            <>
              <dt>{t('libIntegrityError')}</dt>
              <dd>{a.error}</dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}

function ChainResult({ chain }: { chain: IntegrityReport['chain'] }) {
  const { t } = useI18n();
  return (
    <li
      className={chain.ok ? 'pass' : 'fail'}
      data-testid="integrity-chain"
      data-ok={String(chain.ok)}
    >
      <span className="mark" aria-hidden="true">
        {chain.ok ? '✓' : '✗'}
      </span>{' '}
      <strong>{t('libIntegrityChain')}</strong>{' '}
      {chain.ok ? (
        <span>
          {t('libIntegrityChainOk', { n: chain.length })}{' '}
          <code className="hash" title={chain.head}>
            {chain.head.slice(0, 16)}…
          </code>
        </span>
      ) : (
        <span>{t('libIntegrityChainBroken', { seq: chain.seq, reason: chain.reason })}</span>
      )}
    </li>
  );
}

export function IntegrityPanel({ itemId }: IntegrityPanelProps) {
  const { t, locale } = useI18n();
  const report = useIntegrityReport(itemId);
  const check = useAsyncAction(async () => recordIntegrity(await checkIntegrity(getDb(), itemId)));
  return (
    <div className="integrity">
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="integrity-check"
          disabled={check.busy}
          onClick={() => void check.run()}
        >
          {check.busy ? t('libIntegrityRunning') : t('libIntegrityCheck')}
        </button>
        <span className="muted small">{t('libIntegrityHint')}</span>
      </div>
      {check.error && (
        <p role="alert" className="error">
          {t('libIntegrityFailedToRun', { detail: check.error })}
        </p>
      )}
      {report && (
        <div
          className={`integrity-result ${report.ok ? 'pass' : 'fail'}`}
          data-testid="integrity-result"
          data-ok={String(report.ok)}
          role="status"
        >
          <p className="verdict">
            <span className="mark" aria-hidden="true">
              {report.ok ? '✓' : '✗'}
            </span>{' '}
            {report.ok ? t('libIntegrityAllOk') : t('libIntegrityProblems')}{' '}
            <span className="muted small">
              {t('libIntegrityCheckedAt', { date: formatShort(locale, report.checked_at) })}
            </span>
          </p>
          <ul>
            {report.artifacts.map((a) => (
              <ArtifactResult key={a.artifact_id} a={a} />
            ))}
            <ChainResult chain={report.chain} />
          </ul>
        </div>
      )}
    </div>
  );
}
