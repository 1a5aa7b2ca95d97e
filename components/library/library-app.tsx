/**
 * The evidence library page: header with search and filters, the virtualised list, and the
 * open item (from `#item=<id>`) beside it, or over it on narrow windows.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n';
import type { ItemQuery } from '@/utils/store';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { EmptyState, NoResults } from './empty-state';
import {
  EMPTY_FILTERS,
  NO_CASE,
  hasActiveFilters,
  queryKey,
  toItemQuery,
  type LibraryFilters,
} from './filters';
import { ItemList } from './item-list';
import { ItemView } from './item-view';
import { LibraryHeader } from './library-header';
import { useDebouncedValue } from './use-debounced-value';
import { useItemHash } from './use-item-hash';
import { useItemCount } from './use-item-window';

/** Search waits this long after the last keystroke, so typing stays fluid on a big library. */
const SEARCH_DEBOUNCE_MS = 150;

/** Props of {@link LibraryApp}. */
export interface LibraryAppProps {
  /** Per-item actions next to the open item's title (e.g. export, once packs exist). */
  itemActions?: (itemId: string) => ReactNode;
  /** Actions in the header; `caseId` is the case the list is filtered to, if any. */
  headerActions?: (ctx: {
    caseId: string | null;
    query: ItemQuery;
    filtered: boolean;
    count: number | undefined;
  }) => ReactNode;
}

function PanelError({ message, retry }: { message: string; retry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="panel-error">
      <p>{t('libPanelError', { detail: message })}</p>
      <button type="button" onClick={retry}>
        {t('libRetry')}
      </button>
    </div>
  );
}

export function LibraryApp({ itemActions, headerActions }: LibraryAppProps) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<LibraryFilters>(EMPTY_FILTERS);
  const text = useDebouncedValue(filters.text, SEARCH_DEBOUNCE_MS);
  const query = useMemo(() => toItemQuery({ ...filters, text }), [filters, text]);
  const key = queryKey(query);
  const count = useItemCount(query, key);
  const [selected, setSelected] = useItemHash();
  const listPane = useRef<HTMLDivElement>(null);
  const detailPane = useRef<HTMLDivElement>(null);

  const open = (id: string) => setSelected(id);
  const close = () => {
    setSelected(null);
    // Back to where the reader was: the list keeps its cursor.
    listPane.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  };

  // A newly opened item starts at its top, not at the scroll position of the previous one.
  useEffect(() => {
    detailPane.current?.scrollTo(0, 0);
  }, [selected]);

  // Escape closes the open item, except while typing (a search box or a note keeps its Escape).
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const el = e.target;
      const typing =
        el instanceof HTMLInputElement ||
        el instanceof HTMLTextAreaElement ||
        el instanceof HTMLSelectElement;
      if (e.key === 'Escape' && !typing) closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  let listContent: ReactNode;
  if (count === undefined) listContent = <p className="muted pad">{t('libLoading')}</p>;
  else if (count === 0)
    listContent = hasActiveFilters(filters) ? (
      <NoResults onClear={() => setFilters(EMPTY_FILTERS)} />
    ) : (
      <EmptyState />
    );
  else
    listContent = (
      <ItemList query={query} queryKey={key} count={count} selectedId={selected} onOpen={open} />
    );

  const fallback = (message: string, retry: () => void) => (
    <PanelError message={message} retry={retry} />
  );
  return (
    <div
      className={`library${selected ? ' has-selection' : ''}${count === 0 && !selected ? ' is-empty' : ''}`}
    >
      <LibraryHeader
        filters={filters}
        onChange={setFilters}
        count={count}
        extra={headerActions?.({
          caseId: filters.caseId && filters.caseId !== NO_CASE ? filters.caseId : null,
          query,
          filtered: hasActiveFilters(filters),
          count,
        })}
      />
      <main className="lib-main">
        <div className="list-pane" ref={listPane}>
          <ErrorBoundary fallback={fallback} resetKey={key}>
            {listContent}
          </ErrorBoundary>
        </div>
        <div className="detail-pane" ref={detailPane}>
          <ErrorBoundary fallback={fallback} resetKey={selected ?? ''}>
            {selected ? (
              <ItemView itemId={selected} onClose={close} actions={itemActions?.(selected)} />
            ) : (
              count !== 0 && (
                <div className="detail-placeholder muted">
                  <p>{t('libSelectHint')}</p>
                </div>
              )
            )}
          </ErrorBoundary>
        </div>
      </main>
    </div>
  );
}
