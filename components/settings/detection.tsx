/** Violation detection: the global switch, the sites not scanned, and forgetting what was learned. */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { pageDb } from '@/components/tools-db';
import { loadDetectPrefs, saveDetectPrefs } from '@/lib/detect-prefs';
import { resetModel } from '@/utils/detect';
import { withSiteOff, type DetectPrefs } from '@/utils/detect/prefs';
import { getDetectModel, setDetectModel } from '@/utils/store';

export function DetectionCard() {
  const { t } = useI18n();
  const db = pageDb();
  const [prefs, setPrefs] = useState<DetectPrefs | null>(null);
  const [marks, setMarks] = useState(0);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    void loadDetectPrefs().then(setPrefs);
    void getDetectModel(db).then((m) => setMarks(m.marks));
  }, [db]);
  if (!prefs) return null;

  const save = async (next: DetectPrefs) => {
    setPrefs(next); // at once, so the checkbox follows the click
    await saveDetectPrefs(next);
    setMsg(t('setSaved'));
  };
  const reset = async () => {
    await setDetectModel(db, resetModel());
    setMarks(0);
    setMsg(t('detSetResetDone'));
  };

  return (
    <section className="card" data-testid="detection-settings">
      <h2>{t('detTitle')}</h2>
      <p className="note">{t('detSetIntro')}</p>
      <label>
        <input
          type="checkbox"
          data-testid="detection-enabled"
          checked={prefs.enabled}
          onChange={(e) => void save({ ...prefs, enabled: e.target.checked })}
        />{' '}
        {t('detSetEnable')}
      </label>
      <h3>{t('detSetSites')}</h3>
      {prefs.off_sites.length === 0 ? (
        <p className="note">{t('detSetNoSites')}</p>
      ) : (
        <ul data-testid="detection-off-sites">
          {prefs.off_sites.map((site) => (
            <li key={site}>
              {site}{' '}
              <button onClick={() => void save(withSiteOff(prefs, site, false))}>
                {t('detSetRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="note">{t('detSetLearned', { n: marks })}</p>
      <button data-testid="detection-reset" disabled={marks === 0} onClick={() => void reset()}>
        {t('detSetReset')}
      </button>
      {msg && (
        <p className="note" role="status" data-testid="detection-settings-status">
          {msg}
        </p>
      )}
    </section>
  );
}
