/**
 * The lock screen: the passphrase, Unlock, and what went wrong in plain words. The check takes
 * about a second on purpose (two Argon2id derivations, docs/vault-design.md §2, §5), so it
 * shows that it is working. A duress passphrase is not told apart: the store is erased and the
 * page shows the fresh first-run state.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import type { MessageKey } from '@/utils/i18n';
import type { LockReason } from '@/utils/vault/lock';

const REASON: Record<LockReason, MessageKey> = {
  start: 'vaultReasonStart',
  manual: 'vaultReasonManual',
  idle: 'vaultReasonIdle',
  clock: 'vaultReasonClock',
};

export interface LockScreenProps {
  onDone: () => void;
  /** Captures sealed while locked that wait to be opened (`countSealed`); shown when > 0. */
  sealedCount?: number;
  compact?: boolean;
}

export function LockScreen({ onDone, sealedCount, compact }: LockScreenProps) {
  const { t } = useI18n();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<LockReason | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void sendMessage('vault.status', undefined).then(
      (s) => setReason(s.reason),
      () => undefined,
    );
    input.current?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!passphrase || busy) return;
    setBusy(true);
    setError(null);
    const r = await sendMessage('vault.unlock', { passphrase }).catch(
      (err: unknown) => ({ ok: false, code: 'vaultErrUnknown', detail: String(err) }) as const,
    );
    setBusy(false);
    if (r.ok && r.result !== 'wrong') {
      setPassphrase('');
      onDone();
      return;
    }
    if (r.ok) setError(t('vaultErrWrong'));
    else setError(t(r.code, { detail: r.detail ?? '' }));
    setPassphrase('');
    setTimeout(() => input.current?.focus(), 0);
  };

  return (
    <form
      className={`vault-lock${compact ? ' compact' : ''}`}
      data-testid="lock-screen"
      onSubmit={(e) => void submit(e)}
    >
      <h2>{t('vaultLockedTitle')}</h2>
      <p className="muted" data-testid="lock-reason" data-reason={reason ?? ''}>
        {reason ? t(REASON[reason]) : ''} {t('vaultLockedIntro')}
      </p>
      {sealedCount !== undefined && sealedCount > 0 && (
        <p data-testid="sealed-waiting">{t('vaultSealedWaiting', { n: sealedCount })}</p>
      )}
      <label>
        {t('vaultPassphrase')}
        <input
          ref={input}
          type="password"
          autoComplete="current-password"
          data-testid="unlock-passphrase"
          value={passphrase}
          disabled={busy}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="primary"
        data-testid="unlock-button"
        disabled={busy || !passphrase}
      >
        {busy ? t('vaultUnlocking') : t('vaultUnlock')}
      </button>
      {busy && <progress data-testid="unlock-progress" aria-label={t('vaultUnlocking')} />}
      {error && (
        <p className="error" role="alert" data-testid="unlock-error">
          {error}
        </p>
      )}
    </form>
  );
}
