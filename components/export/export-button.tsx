/** "Export signed pack" for a case, a selection or one item, with progress and a clear outcome. */
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import { formatBytes, formatPercent, type MessageKey } from '@/utils/i18n';
import { PackExportError } from '@/utils/pack';
import type { EvidenceDb, PackSelection } from '@/utils/store';
import { runExport } from './run-export';

export interface ExportButtonProps {
  db: EvidenceDb;
  /** What to export, or a function resolving it when the button is pressed (a filtered list). */
  selection: Omit<PackSelection, 'generator'> | (() => Promise<Omit<PackSelection, 'generator'>>);
  /** Which label: a case, a selection of n items, or one item. */
  label: { key: MessageKey; count?: number };
  disabled?: boolean;
}

type State =
  | { s: 'idle' }
  | { s: 'busy'; phase: string; percent: number }
  | { s: 'done'; text: string }
  | { s: 'error'; text: string };

export function ExportButton({ db, selection, label, disabled }: ExportButtonProps) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ s: 'idle' });
  const run = async () => {
    setState({ s: 'busy', phase: '', percent: 0 });
    try {
      const sel = typeof selection === 'function' ? await selection() : selection;
      const out = await runExport(db, sel, {
        locale,
        onProgress: (phase, done, total) =>
          setState({ s: 'busy', phase, percent: total ? Math.floor((100 * done) / total) : 100 }),
      });
      setState({
        s: 'done',
        text: t('expDone', { name: out.fileName, size: formatBytes(locale, out.size) }),
      });
    } catch (e) {
      const mismatch =
        e instanceof PackExportError && e.code === 'artifact-mismatch' ? e.problems[0] : undefined;
      setState({
        s: 'error',
        text: mismatch
          ? t('expMismatch', { path: mismatch.path ?? '?', item: mismatch.item ?? '?' })
          : t('expFailed', { detail: e instanceof Error ? e.message : String(e) }),
      });
    }
  };
  return (
    <span className="export">
      <button
        data-testid="export-pack"
        disabled={disabled || state.s === 'busy'}
        onClick={() => void run()}
      >
        {t(label.key, { count: label.count ?? 0 })}
      </button>
      <span role="status" data-testid="export-status" data-state={state.s}>
        {state.s === 'busy' &&
          t('expWorking', {
            phase: state.phase,
            percent: formatPercent(locale, state.percent / 100),
          })}
        {(state.s === 'done' || state.s === 'error') && (
          <span className={state.s === 'done' ? 'ok' : 'bad'}>{state.text}</span>
        )}
      </span>
    </span>
  );
}
