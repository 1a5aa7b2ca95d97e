/**
 * The virtualised list of items, newest first. Only the rows in view are rendered and only
 * the pages around them are loaded (see use-item-window), so 10,000 items scroll smoothly.
 * Keyboard: the list is one tab stop; ↑/↓, PageUp/PageDown, Home/End move, Enter opens.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useI18n } from '@/components/i18n';
import type { ItemQuery } from './filters';
import { ItemRow, ItemRowSkeleton } from './item-row';
import { useItemWindow } from './use-item-window';

const ROW_HEIGHT = 84;

/** Props of {@link ItemList}. */
export interface ItemListProps {
  query: ItemQuery;
  /** Stable key of `query` (see filters.queryKey). */
  queryKey: string;
  /** Total number of matching items. */
  count: number;
  selectedId: string | null;
  onOpen: (id: string) => void;
}

export function ItemList({ query, queryKey, count, selectedId, onOpen }: ItemListProps) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // We do not use the React Compiler; the virtualiser's unmemoisable functions are fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const first = virtualRows[0]?.index ?? 0;
  const last = virtualRows[virtualRows.length - 1]?.index ?? 0;
  const { rowAt } = useItemWindow(query, queryKey, first, last);
  // A shorter result (new search) may leave the cursor past the end.
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const activeRow = rowAt(activeIndex);

  const move = (to: number) => {
    const i = Math.max(0, Math.min(count - 1, to));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => {
        if (activeRow) onOpen(activeRow.id);
      },
    };
    const handler = keys[e.key];
    if (handler && count > 0) {
      e.preventDefault();
      handler();
    }
  };

  return (
    <div
      ref={scrollRef}
      className="item-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('libListLabel')}
      aria-activedescendant={activeRow ? `row-${activeRow.id}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualRows.map((v) => {
          const row = rowAt(v.index);
          const style = {
            position: 'absolute' as const,
            top: 0,
            left: 0,
            right: 0,
            height: v.size,
            transform: `translateY(${v.start}px)`,
          };
          if (!row) return <ItemRowSkeleton key={`s${v.index}`} style={style} />;
          return (
            <ItemRow
              key={row.id}
              row={row}
              domId={`row-${row.id}`}
              active={v.index === activeIndex}
              selected={row.id === selectedId}
              style={style}
              onOpen={(id) => {
                setActive(v.index);
                onOpen(id);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
