/**
 * Tags: free text, with suggestions from tags already used and from what detection found in
 * the page (a military unit number, an enlistment office), so the same unit is tagged the
 * same way across hundreds of items. Each change is one custody event.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { listTags, setTags } from '@/utils/store';
import type { Detection } from '@/utils/schemas';
import { useI18n } from '@/components/i18n';
import { useAsyncAction } from '@/components/ui/use-async-action';
import { getDb } from './db';
import { allItems, liveRead } from './live';

/** Props of {@link TagEditor}. */
export interface TagEditorProps {
  itemId: string;
  tags: string[];
  detection: Detection | null;
}

/** Spaces collapsed and trimmed; tags otherwise kept as typed (case carries meaning: "ТЦК"). */
export function normaliseTag(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function TagEditor({ itemId, tags, detection }: TagEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState('');
  const known = useLiveQuery(liveRead(allItems, listTags), [], []);
  const save = useAsyncAction((next: string[]) => setTags(getDb(), itemId, next));
  const has = (tag: string) => tags.some((x) => x.toLocaleLowerCase() === tag.toLocaleLowerCase());
  const add = (raw: string) => {
    const tag = normaliseTag(raw);
    if (!tag || has(tag)) return;
    void save.run([...tags, tag]).then(() => setDraft(''));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add(draft);
  };
  const fromDetection = [
    ...new Set((detection?.entities ?? []).map((e) => normaliseTag(e.text))),
  ].filter((x) => x && !has(x));

  return (
    <div className="tag-editor">
      <span className="field-label" id={`${id}-tags`}>
        {t('libTags')}
      </span>
      <div className="chips" aria-labelledby={`${id}-tags`} role="list">
        {tags.length === 0 && <span className="muted small">{t('libNoTags')}</span>}
        {tags.map((tag) => (
          <span
            key={tag}
            className="tag"
            data-testid="tag-chip"
            data-tag={tag}
            role="listitem"
            dir="auto"
          >
            {tag}
            <button
              type="button"
              className="chip-remove"
              aria-label={t('libRemoveTag', { tag })}
              disabled={save.busy}
              onClick={() => void save.run(tags.filter((x) => x !== tag))}
            />
          </span>
        ))}
      </div>
      <form className="row" onSubmit={onSubmit}>
        <label htmlFor={`${id}-tag`} className="visually-hidden">
          {t('libAddTagLabel')}
        </label>
        <input
          id={`${id}-tag`}
          data-testid="tag-input"
          list={`${id}-known`}
          placeholder={t('libAddTagPlaceholder')}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <datalist id={`${id}-known`}>
          {[...new Set([...fromDetection, ...known])]
            .filter((x) => !has(x))
            .map((x) => (
              <option key={x} value={x} />
            ))}
        </datalist>
        <button type="submit" data-testid="tag-add" disabled={!normaliseTag(draft) || save.busy}>
          {t('libAddTag')}
        </button>
      </form>
      {fromDetection.length > 0 && (
        <div className="suggestions">
          <span className="muted small">{t('libSuggested')}</span>
          {fromDetection.slice(0, 8).map((x) => (
            <button
              key={x}
              type="button"
              className="suggestion"
              data-testid="tag-suggestion"
              onClick={() => add(x)}
              dir="auto"
            >
              + {x}
            </button>
          ))}
        </div>
      )}
      {save.error && (
        <p role="alert" className="error small">
          {save.error}
        </p>
      )}
    </div>
  );
}
