/** What the library page adds around the list: export of a case or an item, and links to the tools. */
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { ExportButton } from '@/components/export/export-button';
import { getDb } from './db';
import { FixityButton } from './fixity-button';

export function HeaderActions({ caseId }: { caseId: string | null }) {
  const { t } = useI18n();
  return (
    <nav className="lib-tools">
      {caseId && <ExportButton db={getDb()} selection={{ caseId }} label={{ key: 'expCase' }} />}
      <FixityButton />
      <a href={browser.runtime.getURL('/verifier.html')} target="_blank" rel="noreferrer" data-testid="open-verifier">
        {t('openVerifier')}
      </a>
      <a href={browser.runtime.getURL('/settings.html')} target="_blank" rel="noreferrer" data-testid="open-settings">
        {t('openSettings')}
      </a>
    </nav>
  );
}

export function ItemActions({ itemId }: { itemId: string }) {
  return <ExportButton db={getDb()} selection={{ itemIds: [itemId] }} label={{ key: 'expItem' }} />;
}
