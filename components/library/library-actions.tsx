/** What the library page adds around the list: export of a case or an item, and links to the tools. */
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { ExportButton } from '@/components/export/export-button';
import { getDb } from './db';
import { queryItems, type ItemQuery } from '@/utils/store';
import { FixityButton } from './fixity-button';

export interface HeaderActionsProps {
  caseId: string | null;
  /** The list's current query; with filters on, "export the items shown" exports exactly these. */
  query: ItemQuery;
  filtered: boolean;
  count: number | undefined;
}

export function HeaderActions({ caseId, query, filtered, count }: HeaderActionsProps) {
  const { t } = useI18n();
  // Only the case filter: export the case. Other filters (search, tag, kind, dates): export the
  // selection the list shows, resolved to item ids when the button is pressed.
  const onlyCase =
    caseId !== null && !query.text && !query.tag && !query.kind && !query.from && !query.to;
  return (
    <nav className="lib-tools">
      {onlyCase && <ExportButton db={getDb()} selection={{ caseId }} label={{ key: 'expCase' }} />}
      {filtered && !onlyCase && !!count && (
        <ExportButton
          db={getDb()}
          selection={async () => ({
            itemIds: (
              await queryItems(getDb(), { ...query, limit: undefined, offset: undefined })
            ).map((i) => i.id),
            caseId,
          })}
          label={{ key: 'expSelected', count }}
        />
      )}
      <FixityButton />
      <a
        href={browser.runtime.getURL('/verifier.html')}
        target="_blank"
        rel="noreferrer"
        data-testid="open-verifier"
      >
        {t('openVerifier')}
      </a>
      <a
        href={browser.runtime.getURL('/settings.html')}
        target="_blank"
        rel="noreferrer"
        data-testid="open-settings"
      >
        {t('openSettings')}
      </a>
    </nav>
  );
}

export function ItemActions({ itemId }: { itemId: string }) {
  return <ExportButton db={getDb()} selection={{ itemIds: [itemId] }} label={{ key: 'expItem' }} />;
}
