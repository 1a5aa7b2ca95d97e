/** What a first-time user sees: how to capture, in their language. */
import { useI18n } from '@/components/i18n';
import { FirstRunSlot } from '@/components/vault/first-run';
import { AllSitesAccess } from '@/components/access/all-sites';

export function EmptyState() {
  const { t } = useI18n();
  return (
    <div className="empty-state" data-testid="empty-state">
      {/* A fresh store: protect it with a passphrase before anything is written. */}
      <FirstRunSlot />
      <h2>{t('libEmptyTitle')}</h2>
      <p>{t('libEmptyIntro')}</p>
      <ol>
        <li>{t('libEmptyPopup', { action: t('popupClip') })}</li>
        <li>{t('libEmptyContextMenu', { action: t('popupClip') })}</li>
        <li>
          {t('libEmptyShortcut')} <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>
        </li>
      </ol>
      <p className="muted">{t('libEmptyPrivacy')}</p>
      <AllSitesAccess />
    </div>
  );
}

/** Props of {@link NoResults}. */
export interface NoResultsProps {
  onClear: () => void;
}

/** Shown when filters exclude every item (the library itself is not empty). */
export function NoResults({ onClear }: NoResultsProps) {
  const { t } = useI18n();
  return (
    <div className="empty-state" data-testid="no-results">
      <p>{t('libNoResults')}</p>
      <button type="button" onClick={onClear}>
        {t('libClearFilters')}
      </button>
    </div>
  );
}
