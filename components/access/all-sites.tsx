/**
 * "Allow Protokol on all sites": what it turns on (the always-on content scripts: detection,
 * the media hover button, Telegram's Clip buttons), that page content never leaves the browser,
 * and the switch. Shown on the library's first-run screen and in settings.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import {
  allSitesAllowed,
  onPermissionsChanged,
  requestAllSites,
  withdrawAllSites,
} from '@/lib/host-access';

export function AllSitesAccess() {
  const { t } = useI18n();
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      void allSitesAllowed().then(
        (a) => live && setAllowed(a),
        () => live && setAllowed(false),
      );
    check();
    const stop = onPermissionsChanged(check);
    return () => {
      live = false;
      stop();
    };
  }, []);
  if (allowed === null) return null;

  const allow = () => {
    // First thing in the click: the browser asks only during the user's gesture.
    const asked = requestAllSites();
    setNote(t('accessWaiting'));
    asked.then(
      (ok) => {
        setAllowed(ok);
        setNote(ok ? null : t('accessRefused'));
      },
      (e: unknown) =>
        setNote(t('accessFailed', { error: e instanceof Error ? e.message : String(e) })),
    );
  };
  const withdraw = () => {
    withdrawAllSites().then(
      (removed) => {
        if (removed) setAllowed(false);
        setNote(null);
      },
      (e: unknown) =>
        setNote(t('accessFailed', { error: e instanceof Error ? e.message : String(e) })),
    );
  };

  return (
    <section className="card" data-testid="all-sites-access" data-allowed={String(allowed)}>
      <h2>{t('accessTitle')}</h2>
      <p className="note">{t('accessIntro')}</p>
      <p className="note">{t('accessPrivacy')}</p>
      <p data-testid="all-sites-state">{t(allowed ? 'accessOn' : 'accessOff')}</p>
      {allowed ? (
        <button type="button" data-testid="all-sites-withdraw" onClick={withdraw}>
          {t('accessWithdraw')}
        </button>
      ) : (
        <button type="button" data-testid="all-sites-allow" onClick={allow}>
          {t('accessAllow')}
        </button>
      )}
      {note && (
        <p className="note" role="status" data-testid="all-sites-note">
          {note}
        </p>
      )}
    </section>
  );
}
