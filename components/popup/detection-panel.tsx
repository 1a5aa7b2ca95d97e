/**
 * Detection for the tab the popup was opened over: the verdict, categories, the facts found
 * grouped by kind, "Show on page", the user's mark (learning on this device) and the per-site off.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { CATEGORY_LABEL } from '@/components/library/labels';
import { loadDetectPrefs, saveDetectPrefs } from '@/lib/detect-prefs';
import { sendMessage } from '@/lib/messaging';
import { allSitesAllowed, requestAllSites } from '@/lib/host-access';
import type { EntityType } from '@/utils/detect';
import type { HighlightAnswer, TabDetection } from '@/utils/detect/messages';
import { scanAllowed, siteOf, withSiteOff, type DetectPrefs } from '@/utils/detect/prefs';
import { formatPercent, type MessageKey } from '@/utils/i18n';

const ENTITY_LABEL: Record<EntityType, MessageKey> = {
  military_unit: 'detEntMilitaryUnit',
  enlistment_office: 'detEntEnlistmentOffice',
  detention_place: 'detEntDetentionPlace',
  legal_article: 'detEntLegalArticle',
  date: 'detEntDate',
  place: 'detEntPlace',
  person: 'detEntPerson',
  organisation: 'detEntOrganisation',
};

/** Props of {@link DetectionPanel}. */
export interface DetectionPanelProps {
  tabId: number;
  url: string;
}

export function DetectionPanel({ tabId, url }: DetectionPanelProps) {
  const { t, locale } = useI18n();
  const [det, setDet] = useState<TabDetection | null | undefined>(undefined);
  const [prefs, setPrefs] = useState<DetectPrefs | null>(null);
  const [shown, setShown] = useState<HighlightAnswer | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [allSites, setAllSites] = useState<boolean | null>(null);
  const site = siteOf(url);

  useEffect(() => {
    void loadDetectPrefs().then(setPrefs);
    void sendMessage('detectionForTab', { tabId }).then(setDet, () => setDet(null));
    void allSitesAllowed().then(setAllSites, () => setAllSites(false));
  }, [tabId]);

  if (!prefs || !site) return null;
  const pct = (x: number) => formatPercent(locale, x);
  const fail = (e: unknown) =>
    setNote(t('detFailed', { detail: e instanceof Error ? e.message : String(e) }));

  const toggleShow = async () => {
    const res = await sendMessage('showOnPage', { tabId, show: !shown?.shown }).catch(fail);
    if (!res) return;
    setShown(res);
    setNote(
      res.shown ? t('detShown', { n: res.passages }) : shown?.shown ? null : t('detNoneShown'),
    );
  };
  const mark = async (relevant: boolean) => {
    const res = await sendMessage('learnDetection', { tabId, relevant }).catch(fail);
    if (res === undefined) return;
    if (res) setDet(res);
    if (res && !res.is_violation) setShown(null);
    setNote(t('detMarked'));
  };
  const skipSite = async (off: boolean) => {
    const next = withSiteOff(prefs, site, off);
    setPrefs(next); // at once, so the checkbox follows the click
    await saveDetectPrefs(next);
    if (off) {
      await sendMessage('forgetDetection', { tabId }).catch(() => undefined);
      setDet(null);
      setShown(null);
    }
  };

  const groups = new Map<EntityType, string[]>();
  for (const e of det?.entities ?? []) {
    const list = groups.get(e.type) ?? [];
    if (!list.includes(e.value)) list.push(e.value);
    groups.set(e.type, list);
  }

  return (
    <section
      className="detection"
      data-testid="detection-panel"
      data-state={det ? (det.is_violation ? 'flagged' : 'clear') : 'none'}
    >
      <h2>{t('detTitle')}</h2>
      {!prefs.enabled && <p className="note">{t('detOff')}</p>}
      {prefs.enabled && !scanAllowed(prefs, url) && <p className="note">{t('detSiteOff')}</p>}
      {prefs.enabled && scanAllowed(prefs, url) && det === null && allSites !== false && (
        <p className="note">{t('detNotScanned')}</p>
      )}
      {prefs.enabled && det === null && allSites === false && (
        <p className="note" data-testid="detection-needs-all-sites">
          {t('accessDetectionOff')}{' '}
          <button
            data-testid="detection-allow-all-sites"
            onClick={() => {
              // First in the click: the browser asks only during the user's gesture.
              void requestAllSites().then(setAllSites, () => undefined);
            }}
          >
            {t('accessAllow')}
          </button>
        </p>
      )}
      {det && (
        <>
          <p className={det.is_violation ? 'flagged' : 'note'} data-testid="detection-verdict">
            {t(det.is_violation ? 'detLikely' : 'detUnlikely', { score: pct(det.score) })}
          </p>
          {det.categories.length > 0 && (
            <ul
              className="chips"
              aria-label={t('detCategories')}
              data-testid="detection-categories"
            >
              {det.categories.map((c) => (
                <li key={c.id} data-category={c.id}>
                  {t(CATEGORY_LABEL[c.id])} · {pct(c.score)}
                </li>
              ))}
            </ul>
          )}
          {groups.size > 0 && (
            <dl className="entities" aria-label={t('detEntities')} data-testid="detection-entities">
              {[...groups].map(([type, values]) => (
                <div key={type} data-type={type}>
                  <dt>{t(ENTITY_LABEL[type])}</dt>
                  <dd dir="auto">{values.slice(0, 12).join(' · ')}</dd>
                </div>
              ))}
            </dl>
          )}
          <div className="row">
            {det.is_violation && (
              <button
                data-testid="detection-show"
                data-boxes={shown?.boxes ?? 0}
                onClick={() => void toggleShow()}
              >
                {shown?.shown ? t('detHide') : t('detShow')}
              </button>
            )}
            <button data-testid="detection-mark" onClick={() => void mark(!det.is_violation)}>
              {det.is_violation ? t('detNotRelevant') : t('detRelevant')}
            </button>
          </div>
          <p className="note">
            {t('detScanned', { chars: det.chars, ms: Math.round(det.timings.detect_ms) })}
          </p>
        </>
      )}
      {note && (
        <p className="note" role="status" data-testid="detection-note">
          {note}
        </p>
      )}
      {prefs.enabled && (
        <label className="note">
          <input
            type="checkbox"
            data-testid="detection-skip-site"
            checked={prefs.off_sites.includes(site)}
            onChange={(e) => void skipSite(e.target.checked)}
          />{' '}
          {t('detSkipSite')}
        </label>
      )}
    </section>
  );
}
