import type { CSSProperties } from 'react';
import { useI18n } from '@/components/i18n';
import { formatShort, hostOf } from './format';
import { IntegrityBadge } from './integrity-badge';
import { KIND_LABEL } from './labels';
import { ObservedAgain } from './observed-again';
import type { ItemRow as Row } from './use-item-window';

/** Props of {@link ItemRow}. */
export interface ItemRowProps {
  row: Row;
  /** DOM id, referenced by the list's aria-activedescendant. */
  domId: string;
  active: boolean;
  selected: boolean;
  /** Absolute positioning from the virtualiser. */
  style: CSSProperties;
  onOpen: (id: string) => void;
}

/** One list row: title, site, kind, capture time, tags and markers. */
export function ItemRow({ row, domId, active, selected, style, onOpen }: ItemRowProps) {
  const { t, locale } = useI18n();
  // Articles name their site; Telegram posts their channel.
  const named = row.source.site_name ?? row.source.channel_title;
  const site = typeof named === 'string' && named ? named : undefined;
  const host = hostOf(row.url);
  return (
    <div
      id={domId}
      role="option"
      aria-selected={selected}
      className={`item-row${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      data-testid="item-row"
      data-item-id={row.id}
      style={style}
      onClick={() => onOpen(row.id)}
    >
      <div className="item-row-title" data-testid="item-title" dir="auto">
        {row.title || row.url}
      </div>
      <div className="item-row-meta">
        <span className="kind">{t(KIND_LABEL[row.kind])}</span>
        <span className="site" title={row.url}>
          {site && site !== host ? `${site} · ${host}` : host}
        </span>
        <time dateTime={row.captured_at}>{formatShort(locale, row.captured_at)}</time>
      </div>
      <div className="item-row-marks">
        <ObservedAgain row={row} compact />
        <IntegrityBadge itemId={row.id} />
        {row.tags.map((tag) => (
          <span key={tag} className="tag small" dir="auto">
            {tag}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Placeholder while a row's page loads: same height, no layout jump. */
export function ItemRowSkeleton({ style }: { style: CSSProperties }) {
  return <div className="item-row skeleton" style={style} aria-hidden="true" />;
}
