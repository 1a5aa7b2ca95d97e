/**
 * One item in full: what was captured, its files and hashes, the readable views, the
 * organising tools (case, tags, notes) and the chain of custody. Everything is live: a tag
 * saved here appears in the custody log below at once.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReactNode } from 'react';
import { getItem } from '@/utils/store';
import { useI18n } from '@/components/i18n';
import { ArtifactList } from './artifact-list';
import { ArtifactViews } from './artifact-views';
import { MediaView } from './media-view';
import { CaseSection } from './case-section';
import { CustodyTable } from './custody-table';
import { DetectionSummary } from './detection-summary';
import { formatShort, isWebUrl } from './format';
import { IntegrityPanel } from './integrity-panel';
import { ItemMetadata } from './item-metadata';
import { KIND_LABEL } from './labels';
import { liveRead, oneItem } from './live';
import { NotesEditor } from './notes-editor';
import { ObservedAgain } from './observed-again';
import { TimestampStatus } from './timestamp-status';
import { FullPageStatus } from '@/components/fullpage-status';
import { canRecheck, TelegramRecheck } from './telegram-recheck';
import { TagEditor } from './tag-editor';

/** Props of {@link ItemView}. */
export interface ItemViewProps {
  itemId: string;
  onClose: () => void;
  /**
   * Actions for this item shown next to its title. The place for "Export pack" when packs
   * exist; nothing is rendered when empty.
   */
  actions?: ReactNode;
}

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section className="view-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export function ItemView({ itemId, onClose, actions }: ItemViewProps) {
  const { t, locale } = useI18n();
  // null while loading, undefined when there is no such item (deleted, or a stale link).
  const item = useLiveQuery(
    liveRead(oneItem(itemId), (db) => getItem(db, itemId)),
    [itemId],
    null,
  );
  if (item === null)
    return (
      <div className="item-view muted" data-testid="item-view" aria-busy="true">
        {t('libLoading')}
      </div>
    );
  if (!item) {
    return (
      <div className="item-view" data-testid="item-view" data-missing="true">
        <p>{t('libItemMissing')}</p>
        <button type="button" onClick={onClose}>
          {t('libClose')}
        </button>
      </div>
    );
  }
  return (
    <article
      className="item-view"
      data-testid="item-view"
      data-item-id={item.id}
      aria-labelledby="item-view-title"
    >
      <header className="item-view-head">
        <div className="item-view-heading">
          <h2 id="item-view-title" dir="auto">
            {item.title || item.url}
          </h2>
          <p className="muted">
            {t(KIND_LABEL[item.kind])} ·{' '}
            <time dateTime={item.captured_at}>{formatShort(locale, item.captured_at)}</time> ·{' '}
            {isWebUrl(item.url) ? (
              <a href={item.url} target="_blank" rel="noopener noreferrer" className="url">
                {item.url}
              </a>
            ) : (
              <span className="url">{item.url}</span>
            )}
          </p>
          <ObservedAgain row={item} />
          <TimestampStatus item={item} />
          <FullPageStatus itemId={item.id} state={item.full_page} />
        </div>
        {actions && <div className="item-actions">{actions}</div>}
        <button
          type="button"
          className="close"
          onClick={onClose}
          aria-label={t('libClose')}
          title={t('libClose')}
        >
          ×
        </button>
      </header>

      <Section id="sec-integrity" title={t('libSecIntegrity')}>
        <IntegrityPanel itemId={item.id} />
      </Section>

      {canRecheck(item) && (
        <Section id="sec-tg-recheck" title={t('tgRecheckSection')}>
          <TelegramRecheck key={item.id} item={item} />
        </Section>
      )}

      <Section id="sec-organise" title={t('libSecOrganise')}>
        <div className="organise">
          <CaseSection key={`c-${item.id}`} itemId={item.id} caseId={item.case_id} />
          <TagEditor
            key={`t-${item.id}`}
            itemId={item.id}
            tags={item.tags}
            detection={item.detection}
          />
          <NotesEditor key={`n-${item.id}`} itemId={item.id} notes={item.notes} />
        </div>
      </Section>

      <Section id="sec-views" title={t('libSecContent')}>
        {(item.kind === 'video' || item.kind === 'image') && (
          <MediaView key={`m-${item.id}`} item={item} />
        )}
        <ArtifactViews key={item.id} item={item} />
      </Section>

      {item.detection && (
        <Section id="sec-detection" title={t('libSecDetection')}>
          <DetectionSummary detection={item.detection} />
        </Section>
      )}

      <Section id="sec-artifacts" title={t('libSecArtifacts')}>
        <ArtifactList itemId={item.id} artifacts={item.artifacts} />
      </Section>

      <Section id="sec-alterations" title={t('libSecAlterations')}>
        {item.alterations.length > 0 ? (
          <ul className="alterations" data-testid="alterations">
            {item.alterations.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('libNoAlterations')}</p>
        )}
      </Section>

      <Section id="sec-meta" title={t('libSecMetadata')}>
        <ItemMetadata item={item} />
      </Section>

      <Section id="sec-custody" title={t('libSecCustody')}>
        <CustodyTable itemId={item.id} />
      </Section>
    </article>
  );
}
