/** "Check the whole store": re-hash everything, record it on every item, show what fails. */
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import { checkStoreFixity, type FixityReport } from '@/utils/store';
import { getDb } from './db';

type State =
  | { s: 'idle' }
  | { s: 'busy'; done: number; total: number }
  | { s: 'done'; r: FixityReport }
  | { s: 'error'; text: string };

export function FixityButton() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ s: 'idle' });
  const run = async () => {
    setState({ s: 'busy', done: 0, total: 0 });
    try {
      const r = await checkStoreFixity(getDb(), (done, total) =>
        setState({ s: 'busy', done, total }),
      );
      setState({ s: 'done', r });
    } catch (e) {
      setState({ s: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <span className="fixity">
      <button data-testid="fixity-check" disabled={state.s === 'busy'} onClick={() => void run()}>
        {t('fixButton')}
      </button>
      <span
        role="status"
        data-testid="fixity-result"
        data-state={state.s}
        data-ok={state.s === 'done' ? String(state.r.failed.length === 0) : ''}
      >
        {state.s === 'busy' && t('fixWorking', { done: state.done, total: state.total })}
        {state.s === 'error' && <span className="bad">{state.text}</span>}
        {state.s === 'done' && state.r.failed.length === 0 && (
          <span className="ok">{t('fixOk', { ok: state.r.ok, items: state.r.items })}</span>
        )}
        {state.s === 'done' && state.r.failed.length > 0 && (
          <span className="bad">
            {t('fixFailed', { failed: state.r.failed.length, items: state.r.items })}{' '}
            {state.r.failed.map((f) => (
              <a key={f.item_id} href={`#item=${f.item_id}`} title={f.problems.join('\n')}>
                {f.title}
              </a>
            ))}
          </span>
        )}
      </span>
    </span>
  );
}
