/**
 * Choosing a passphrase (first run, turning encryption on in settings, changing it): the
 * passphrase twice and the advice in plain words — several random words, no recovery, exported
 * packs are the backup.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n';

/** Below this many characters the form says the passphrase is short (it does not refuse it). */
export const SHORT_PASSPHRASE = 16;

export interface NewPassphraseFormProps {
  /** What the submit button says, and says while working. */
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  onSubmit: (passphrase: string) => void;
  /** Shown above the fields (e.g. the current passphrase field when changing it). */
  before?: ReactNode;
  /** Shown between the fields and the button (e.g. "Not now"). */
  after?: ReactNode;
  testid: string;
}

export function NewPassphraseForm(p: NewPassphraseFormProps) {
  const { t } = useI18n();
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const mismatch = again !== '' && pass !== again;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!pass || pass !== again || p.busy) return;
    p.onSubmit(pass);
  };
  return (
    <form className="vault-new" data-testid={p.testid} onSubmit={submit}>
      {p.before}
      <ul className="vault-advice">
        <li>{t('vaultAdviceWords')}</li>
        <li>{t('vaultAdviceNoRecovery')}</li>
        <li>{t('vaultAdviceBackup')}</li>
      </ul>
      <label>
        {t('vaultNewPassphrase')}
        <input
          type="password"
          autoComplete="new-password"
          data-testid="new-passphrase"
          value={pass}
          disabled={p.busy}
          onChange={(e) => setPass(e.target.value)}
        />
      </label>
      <label>
        {t('vaultConfirmPassphrase')}
        <input
          type="password"
          autoComplete="new-password"
          data-testid="confirm-passphrase"
          value={again}
          disabled={p.busy}
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      {pass !== '' && [...pass].length < SHORT_PASSPHRASE && (
        <p className="warn" data-testid="passphrase-short">
          {t('vaultShortWarn')}
        </p>
      )}
      {(mismatch || (tried && pass !== again)) && (
        <p className="error" role="alert" data-testid="passphrase-mismatch">
          {t('vaultMismatch')}
        </p>
      )}
      <div className="vault-actions">
        <button
          type="submit"
          className="primary"
          data-testid={`${p.testid}-submit`}
          disabled={p.busy || !pass || pass !== again}
        >
          {p.busy ? p.busyLabel : p.submitLabel}
        </button>
        {p.after}
      </div>
      {p.busy && <progress aria-label={p.busyLabel} />}
    </form>
  );
}
