/**
 * The verifier page: a pack is checked on this computer with the same core module as the
 * `protokol verify` command line, step by step as the pack format's "Verifying" section says.
 */
import { useState, type DragEvent } from 'react';
import { LanguageSwitch, useI18n } from '@/components/i18n';
import { blobSource, verifyPack, type VerifyReport } from '@/utils/pack';
import { formatDateTime, formatPercent } from '@/utils/i18n';
import { CHECK_LABELS } from './check-labels';

type State =
  | { s: 'idle' }
  | { s: 'busy'; name: string; percent: number }
  | { s: 'done'; name: string; report: VerifyReport }
  | { s: 'error'; name: string; message: string };

export function Verifier() {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ s: 'idle' });

  const check = async (file: File) => {
    setState({ s: 'busy', name: file.name, percent: 0 });
    try {
      const report = await verifyPack(blobSource(file), {
        onProgress: (done, total) =>
          setState({
            s: 'busy',
            name: file.name,
            percent: total ? Math.floor((100 * done) / total) : 0,
          }),
      });
      setState({ s: 'done', name: file.name, report });
    } catch (e) {
      setState({
        s: 'error',
        name: file.name,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) void check(f);
  };

  return (
    <main className="verifier" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header>
        <h1>{t('verTitle')}</h1>
        <LanguageSwitch />
      </header>
      <p>{t('verIntro')}</p>
      <label className="drop" data-testid="verifier-drop">
        <input
          type="file"
          accept=".zip,application/zip"
          data-testid="verifier-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void check(f);
          }}
        />
        <span>{t('verChoose')}</span> <span className="note">{t('verDrop')}</span>
      </label>
      {state.s === 'busy' && (
        <p role="status">
          {t('verChecking', {
            name: state.name,
            percent: formatPercent(locale, state.percent / 100),
          })}
        </p>
      )}
      {state.s === 'error' && (
        <p className="bad" data-testid="verifier-status" data-status="unreadable">
          {t('verUnreadable')} {state.message}
        </p>
      )}
      {state.s === 'done' && <ReportView name={state.name} report={state.report} locale={locale} />}
    </main>
  );
}

function ReportView({
  name,
  report,
  locale,
}: {
  name: string;
  report: VerifyReport;
  locale: 'en' | 'ru' | 'uk';
}) {
  const { t } = useI18n();
  const verdict =
    report.status === 'valid'
      ? t('verValid')
      : report.status === 'invalid'
        ? t('verInvalid')
        : t('verUnreadable');
  return (
    <section className="report">
      <h2
        className={report.status === 'valid' ? 'ok' : 'bad'}
        data-testid="verifier-status"
        data-status={report.status}
      >
        {name}: {verdict}
      </h2>
      <p>{t('verItems', { items: report.items, files: report.files })}</p>
      {report.signer && (
        <p>
          {t('verSigner')}: <code data-testid="verifier-key-id">{report.signer.key_id}</code>
          {report.signer.label ? ` (${report.signer.label})` : ''}
        </p>
      )}
      {report.manifest_timestamp && (
        <p data-testid="verifier-timestamp">
          {t('verTimestamp')}: {formatDateTime(locale, report.manifest_timestamp.time, 'UTC')} (
          {report.manifest_timestamp.time})
          {report.manifest_timestamp.tsa ? ` — ${report.manifest_timestamp.tsa}` : ''}{' '}
          {report.manifest_timestamp.ok ? '✓' : '✗'}
        </p>
      )}
      <table>
        <tbody>
          {report.checks.map((c, i) => (
            <tr
              key={i}
              data-testid="verifier-check"
              data-ok={String(c.ok)}
              data-check={c.id}
              className={c.ok ? 'ok' : 'bad'}
            >
              <td>{c.ok ? '✓' : '✗'}</td>
              <td>{CHECK_LABELS[locale][c.id]}</td>
              <td>
                {c.message}
                {c.entry && (
                  <>
                    {' '}
                    — {t('verEntry')} <code data-testid="verifier-entry">{c.entry}</code>
                  </>
                )}
                {c.item && (
                  <>
                    {' '}
                    — {t('verItem')} <code>{c.item}</code>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note">{t('verByHand')}</p>
      <button onClick={() => window.print()}>{t('verPrint')}</button>
    </section>
  );
}
