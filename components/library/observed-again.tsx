/**
 * "Observed again": whether this URL was captured before, and whether the content then was
 * the same. Repeated observations matter in court (a post edited or deleted after a raid).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { earlierObservations } from '@/utils/store';
import type { Item } from '@/utils/schemas';
import { useI18n } from '@/components/i18n';
import { itemsAtUrl, liveRead } from './live';
import { formatShort } from './format';
import type { ItemRow } from './use-item-window';

/**
 * Captures of the same URL made before this one, newest first. The store returns every other
 * observation (later ones too); only earlier ones say "observed again". Rows carry no text,
 * which the comparison (URL and content digest) does not read.
 */
export function useEarlierObservations(
  row: ItemRow,
): Array<{ item: Item; identical: boolean }> | undefined {
  return useLiveQuery(
    liveRead(itemsAtUrl(row.url), async (db) =>
      (await earlierObservations(db, { ...row, text: '', words: [] })).filter(
        (o) => o.item.captured_at < row.captured_at,
      ),
    ),
    [row.id, row.url, row.content_digest, row.captured_at],
  );
}

/** Props of {@link ObservedAgain}. */
export interface ObservedAgainProps {
  /** The item (or list row) to compare with earlier captures. */
  row: ItemRow;
  /** Compact form for list rows. */
  compact?: boolean;
}

/** A marker naming the latest earlier capture of the same URL; renders nothing if there is none. */
export function ObservedAgain({ row, compact }: ObservedAgainProps) {
  const { t, locale } = useI18n();
  const earlier = useEarlierObservations(row);
  if (!earlier || earlier.length === 0) return null;
  const latest = earlier[0]!;
  const date = formatShort(locale, latest.item.captured_at, { numeric: compact });
  const full = latest.identical
    ? t('libObservedIdentical', { date })
    : t('libObservedChanged', { date });
  // Rows are narrow: a shorter phrase there, the full one on hover and in the item view.
  const short = latest.identical
    ? t('libObservedIdenticalShort', { date })
    : t('libObservedChangedShort', { date });
  const count = earlier.length > 1 ? ` · ${t('libObservedCount', { n: earlier.length })}` : '';
  return (
    <span
      className={`observed ${latest.identical ? 'observed-same' : 'observed-changed'}${compact ? ' compact' : ''}`}
      data-testid="observed-again"
      data-identical={String(latest.identical)}
      title={compact ? full + count : count.slice(3) || undefined}
    >
      {compact ? short : full}
    </span>
  );
}
