/**
 * The library's header: name, search, filters, item count and language. Filters are plain
 * selects and date inputs so they work with the keyboard and screen readers as they are.
 */
import type { ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { listCases, listTags } from '@/utils/store';
import { ItemKind } from '@/utils/schemas';
import { LanguageSwitch, useI18n } from '@/components/i18n';
import { allCases, allItems, liveRead } from './live';
import { EMPTY_FILTERS, NO_CASE, hasActiveFilters, type LibraryFilters } from './filters';
import { pluralForm } from './format';
import { KIND_LABEL } from './labels';
import { LockButton } from '@/components/vault/vault-gate';

/** Props of {@link LibraryHeader}. */
export interface LibraryHeaderProps {
  filters: LibraryFilters;
  onChange: (f: LibraryFilters) => void;
  /** Matching items; undefined while counting. */
  count: number | undefined;
  /** Actions shown at the end of the header (links to tools, export of the filtered case). */
  extra?: ReactNode;
}

const COUNT_KEY = {
  one: 'libCountOne',
  few: 'libCountFew',
  many: 'libCountMany',
  other: 'libCountOther',
} as const;

export function LibraryHeader({ filters, onChange, count, extra }: LibraryHeaderProps) {
  const { t, locale } = useI18n();
  const cases = useLiveQuery(liveRead(allCases, listCases), [], []);
  const tags = useLiveQuery(liveRead(allItems, listTags), [], []);
  const set = (patch: Partial<LibraryFilters>) => onChange({ ...filters, ...patch });
  const countText =
    count === undefined ? '…' : t(COUNT_KEY[pluralForm(locale, count)], { n: count });

  return (
    <header className="lib-header">
      <div className="lib-header-top">
        <h1>
          {t('appName')} <span className="muted">· {t('libTitle')}</span>
        </h1>
        <input
          type="search"
          className="search"
          data-testid="search-input"
          aria-label={t('libSearchLabel')}
          placeholder={t('libSearchPlaceholder')}
          value={filters.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <span
          className="item-count"
          data-testid="item-count"
          data-count={count ?? ''}
          aria-live="polite"
        >
          {countText}
        </span>
        {extra}
        <LockButton />
        <LanguageSwitch />
      </div>
      <div className="lib-filters" role="group" aria-label={t('libFiltersLabel')}>
        <label>
          {t('libFilterCase')}
          <select
            data-testid="filter-case"
            value={filters.caseId}
            onChange={(e) => set({ caseId: e.target.value })}
          >
            <option value="">{t('libAllCases')}</option>
            <option value={NO_CASE}>{t('libNoCase')}</option>
            {cases.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('libFilterTag')}
          <select
            data-testid="filter-tag"
            value={filters.tag}
            onChange={(e) => set({ tag: e.target.value })}
          >
            <option value="">{t('libAllTags')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('libFilterKind')}
          <select
            data-testid="filter-kind"
            value={filters.kind}
            onChange={(e) => set({ kind: e.target.value as LibraryFilters['kind'] })}
          >
            <option value="">{t('libAllKinds')}</option>
            {ItemKind.options.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('libFilterFrom')}
          <input
            type="date"
            data-testid="filter-from"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(e) => set({ from: e.target.value })}
          />
        </label>
        <label>
          {t('libFilterTo')}
          <input
            type="date"
            data-testid="filter-to"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(e) => set({ to: e.target.value })}
          />
        </label>
        {hasActiveFilters(filters) && (
          <button type="button" className="link" onClick={() => onChange(EMPTY_FILTERS)}>
            {t('libClearFilters')}
          </button>
        )}
      </div>
    </header>
  );
}
