/**
 * The library's first run on an empty store: protect it with a passphrase now (recommended:
 * nothing is ever written in clear then), or not now.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import { NewPassphraseForm } from './new-passphrase';
import { useVault } from './vault-gate';

/** "Not now" at the first-run offer, kept until the next wipe (which clears storage.local). */
const FIRST_RUN_DISMISSED = 'vault.firstRunDismissed';

/**
 * In the library's empty state: the offer, while the store is clear (so it is empty and has
 * never been encrypted) and the user has not said "Not now".
 */
export function FirstRunSlot() {
  const { status, refresh } = useVault();
  const [dismissed, setDismissed] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    void browser.storage.local
      .get(FIRST_RUN_DISMISSED)
      .then((r) => alive && setDismissed(r[FIRST_RUN_DISMISSED] === true));
    return () => {
      alive = false;
    };
  }, []);
  if (status !== 'clear' || dismissed !== false) return null;
  return (
    <FirstRunOffer
      onCreated={refresh}
      onNotNow={() => {
        setDismissed(true);
        void browser.storage.local.set({ [FIRST_RUN_DISMISSED]: true });
      }}
    />
  );
}

export function FirstRunOffer({
  onCreated,
  onNotNow,
}: {
  onCreated: () => void;
  onNotNow: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (passphrase: string) => {
    setBusy(true);
    setError(null);
    const r = await sendMessage('vault.create', { passphrase }).catch(
      (e: unknown) => ({ ok: false, code: 'vaultErrUnknown', detail: String(e) }) as const,
    );
    setBusy(false);
    if (r.ok) onCreated();
    else setError(t(r.code, { detail: r.detail ?? '' }));
  };
  return (
    <section className="vault-first-run" data-testid="first-run">
      <h2>{t('vaultFirstTitle')}</h2>
      <p>{t('vaultFirstIntro')}</p>
      <NewPassphraseForm
        testid="first-run-form"
        submitLabel={t('vaultProtect')}
        busyLabel={t('vaultProtecting')}
        busy={busy}
        onSubmit={(p) => void create(p)}
        after={
          <button type="button" data-testid="first-run-not-now" disabled={busy} onClick={onNotNow}>
            {t('vaultNotNow')}
          </button>
        }
      />
      {error && (
        <p className="error" role="alert" data-testid="first-run-error">
          {error}
        </p>
      )}
      <p className="muted">{t('vaultNotNowNote')}</p>
    </section>
  );
}
