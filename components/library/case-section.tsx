/**
 * Which case the item belongs to, and a quick way to open a new case for it. Creating a case
 * here also assigns the item: a monitor who opens a case from an item means this item.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { assignCase, createCase, listCases } from '@/utils/store';
import { useI18n } from '@/components/i18n';
import { useAsyncAction } from '@/components/ui/use-async-action';
import { getDb } from './db';
import { allCases, liveRead } from './live';

/** Props of {@link CaseSection}. */
export interface CaseSectionProps {
  itemId: string;
  caseId: string | null;
}

export function CaseSection({ itemId, caseId }: CaseSectionProps) {
  const { t } = useI18n();
  const id = useId();
  const cases = useLiveQuery(liveRead(allCases, listCases), [], []);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const assign = useAsyncAction((next: string | null) => assignCase(getDb(), itemId, next));
  const create = useAsyncAction(async () => {
    const c = await createCase(getDb(), { title: title.trim(), description: description.trim() });
    await assignCase(getDb(), itemId, c.id);
    setTitle('');
    setDescription('');
  });
  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) void create.run();
  };
  const current = caseId ? cases.find((c) => c.id === caseId) : undefined;

  return (
    <div className="case-section">
      <label htmlFor={`${id}-case`}>{t('libCase')}</label>
      <select
        id={`${id}-case`}
        data-testid="case-select"
        value={caseId ?? ''}
        disabled={assign.busy}
        onChange={(e) => void assign.run(e.target.value || null)}
      >
        <option value="">{t('libNoCase')}</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
      {current?.description && (
        <p className="muted small" dir="auto">
          {current.description}
        </p>
      )}
      {assign.error && (
        <p role="alert" className="error small">
          {assign.error}
        </p>
      )}
      <form className="case-new" onSubmit={onCreate} aria-label={t('libNewCase')}>
        <input
          data-testid="case-new-title"
          aria-label={t('libNewCaseTitle')}
          placeholder={t('libNewCaseTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        {/* The description appears once a title is typed: most of the time the form stays one line. */}
        {(title || description) && (
          <input
            className="case-description"
            data-testid="case-new-description"
            aria-label={t('libNewCaseDescription')}
            placeholder={t('libNewCaseDescription')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
        <button type="submit" data-testid="case-create" disabled={!title.trim() || create.busy}>
          {t('libCreateCase')}
        </button>
      </form>
      {create.error && (
        <p role="alert" className="error small">
          {create.error}
        </p>
      )}
    </div>
  );
}
