/** The full-page screenshot at each page capture: on by default, one switch to turn it off. */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { pageDb } from '@/components/tools-db';
import { getSettings, updateSettings } from '@/utils/store';

export function FullPageCard() {
  const { t } = useI18n();
  const db = pageDb();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    void getSettings(db).then((s) => setEnabled(s.fullpage_enabled));
  }, [db]);
  if (enabled === null) return null;
  const change = async (on: boolean) => {
    setEnabled(on); // at once, so the checkbox follows the click
    await updateSettings(db, { fullpage_enabled: on });
    setMsg(t('setSaved'));
  };
  return (
    <section className="card" data-testid="fullpage-settings">
      <h2>{t('setFullpageTitle')}</h2>
      <p className="note">{t('setFullpageIntro')}</p>
      <label>
        <input
          type="checkbox"
          data-testid="fullpage-enabled"
          checked={enabled}
          onChange={(e) => void change(e.target.checked)}
        />{' '}
        {t('setFullpageEnable')}
      </label>{' '}
      {msg && (
        <span className="ok" role="status">
          {msg}
        </span>
      )}
    </section>
  );
}
