/**
 * Settings → Encryption: turn it on for a store used in clear (converted in place, resumable,
 * with progress, and the plain truth about old plaintext on disk: docs/vault-design.md §6),
 * lock now, idle time, change the passphrase, set or remove the duress passphrase.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import type { MessageKey } from '@/utils/i18n';
import type {
  ConversionProgress,
  IdleMinutes,
  VaultAnswer,
  VaultStatusAnswer,
} from '@/utils/protocol-vault';
import { NewPassphraseForm } from './new-passphrase';
import { useVault } from './vault-gate';

const IDLE_CHOICES: IdleMinutes[] = [1, 5, 15, 30, 60, 240, null];

function useAnswer() {
  const { t } = useI18n();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const show = (r: VaultAnswer, okKey: MessageKey) =>
    setMsg(
      r.ok
        ? { ok: true, text: t(okKey) }
        : { ok: false, text: t(r.code, { detail: r.detail ?? '' }) },
    );
  return { msg, show, clear: () => setMsg(null) };
}

function Answer({ msg, testid }: { msg: { ok: boolean; text: string } | null; testid: string }) {
  if (!msg) return null;
  return (
    <p
      className={msg.ok ? 'ok' : 'bad'}
      role="status"
      data-testid={testid}
      data-ok={String(msg.ok)}
    >
      {msg.text}
    </p>
  );
}

function Progress({ c }: { c: ConversionProgress }) {
  const { t } = useI18n();
  return (
    <div data-testid="conversion-progress" data-running={String(c.running)}>
      <p>{t('vaultConverting', { done: c.converted, total: Math.max(c.total, c.converted) })}</p>
      <progress max={Math.max(c.total, c.converted, 1)} value={c.converted} />
      {c.error && <p className="bad">{t('vaultErrConversion', { detail: c.error })}</p>}
    </div>
  );
}

function TurnOn({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const { msg, show } = useAnswer();
  const [progress, setProgress] = useState<ConversionProgress | null>(null);
  useEffect(() => {
    if (!busy) return;
    const id = setInterval(() => {
      void sendMessage('vault.status', undefined).then(
        (s) => setProgress(s.conversion),
        () => undefined,
      );
    }, 500);
    return () => clearInterval(id);
  }, [busy]);
  const start = async (passphrase: string) => {
    setBusy(true);
    const r = await sendMessage('vault.create', { passphrase }).catch(
      (e: unknown) => ({ ok: false, code: 'vaultErrUnknown', detail: String(e) }) as const,
    );
    setBusy(false);
    show(r, 'vaultTurnedOn');
    if (r.ok) onDone();
  };
  return (
    <>
      <p data-testid="vault-state" data-state="clear">
        {t('vaultStateClear')}
      </p>
      <p className="note" data-testid="old-plaintext-warning">
        {t('vaultOldPlainWarn')}
      </p>
      <NewPassphraseForm
        testid="turn-on-form"
        submitLabel={t('vaultTurnOn')}
        busyLabel={t('vaultTurningOn')}
        busy={busy}
        onSubmit={(p) => void start(p)}
      />
      {busy && progress && <Progress c={progress} />}
      <Answer msg={msg} testid="turn-on-answer" />
    </>
  );
}

function ChangePassphrase() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(0);
  const { msg, show } = useAnswer();
  const change = async (next: string) => {
    setBusy(true);
    const r = await sendMessage('vault.changePassphrase', { passphrase: current, next }).catch(
      (e: unknown) => ({ ok: false, code: 'vaultErrUnknown', detail: String(e) }) as const,
    );
    setBusy(false);
    show(r, 'vaultChanged');
    if (r.ok) {
      setCurrent('');
      setKey((k) => k + 1);
    }
  };
  return (
    <details>
      <summary>{t('vaultChangeTitle')}</summary>
      <NewPassphraseForm
        key={key}
        testid="change-form"
        submitLabel={t('vaultChange')}
        busyLabel={t('vaultWorking')}
        busy={busy || !current}
        onSubmit={(p) => void change(p)}
        before={
          <label>
            {t('vaultCurrentPassphrase')}
            <input
              type="password"
              autoComplete="current-password"
              data-testid="current-passphrase"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </label>
        }
      />
      <Answer msg={msg} testid="change-answer" />
    </details>
  );
}

function Duress() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [duress, setDuress] = useState('');
  const [busy, setBusy] = useState(false);
  const { msg, show } = useAnswer();
  const send = async (value: string | null) => {
    setBusy(true);
    const r = await sendMessage('vault.setDuress', { passphrase: current, duress: value }).catch(
      (e: unknown) => ({ ok: false, code: 'vaultErrUnknown', detail: String(e) }) as const,
    );
    setBusy(false);
    show(r, value === null ? 'vaultDuressCleared' : 'vaultDuressSaved');
    if (r.ok) {
      setCurrent('');
      setDuress('');
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (current && duress) void send(duress);
  };
  return (
    <details>
      <summary>{t('vaultDuressTitle')}</summary>
      <form onSubmit={submit} data-testid="duress-form">
        <p className="note">{t('vaultDuressHelp')}</p>
        <label>
          {t('vaultCurrentPassphrase')}
          <input
            type="password"
            autoComplete="current-password"
            data-testid="duress-current"
            value={current}
            disabled={busy}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          {t('vaultDuressPassphrase')}
          <input
            type="password"
            autoComplete="off"
            data-testid="duress-passphrase"
            value={duress}
            disabled={busy}
            onChange={(e) => setDuress(e.target.value)}
          />
        </label>
        <div className="vault-actions">
          <button type="submit" data-testid="duress-set" disabled={busy || !current || !duress}>
            {busy ? t('vaultWorking') : t('vaultDuressSet')}
          </button>
          <button
            type="button"
            data-testid="duress-clear"
            disabled={busy || !current}
            onClick={() => void send(null)}
          >
            {t('vaultDuressClear')}
          </button>
        </div>
        {busy && <progress aria-label={t('vaultWorking')} />}
      </form>
      <Answer msg={msg} testid="duress-answer" />
    </details>
  );
}

function Unlocked({ status }: { status: VaultStatusAnswer }) {
  const { t } = useI18n();
  const [idle, setIdle] = useState<IdleMinutes>(status.idleMinutes);
  return (
    <>
      <p data-testid="vault-state" data-state="unlocked">
        {t('vaultStateOn')}
      </p>
      {status.conversion && <Progress c={status.conversion} />}
      <p>
        <label>
          {t('vaultIdleLabel')}{' '}
          <select
            data-testid="idle-select"
            value={idle === null ? 'never' : String(idle)}
            onChange={(e) => {
              const v = (e.target.value === 'never' ? null : Number(e.target.value)) as IdleMinutes;
              setIdle(v);
              void sendMessage('vault.setIdle', { minutes: v });
            }}
          >
            {IDLE_CHOICES.map((m) => (
              <option key={m ?? 'never'} value={m === null ? 'never' : String(m)}>
                {m === null ? t('vaultIdleNever') : t('vaultIdleMinutes', { n: m })}
              </option>
            ))}
          </select>
        </label>{' '}
        <button
          type="button"
          data-testid="lock-now"
          onClick={() => void sendMessage('vault.lock', undefined)}
        >
          {t('vaultLockNow')}
        </button>
      </p>
      <ChangePassphrase />
      <Duress />
    </>
  );
}

export function EncryptionCard() {
  const { t } = useI18n();
  const { refresh } = useVault();
  const [status, setStatus] = useState<VaultStatusAnswer | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let alive = true;
    const read = () =>
      void sendMessage('vault.status', undefined).then(
        (s) => alive && setStatus(s),
        () => undefined,
      );
    read();
    // While a conversion runs (e.g. resumed after a restart), show how far it got.
    const id = setInterval(read, 1000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [n]);
  return (
    <section className="card" data-testid="encryption-card">
      <h2>{t('vaultSettingsTitle')}</h2>
      {status?.status === 'clear' && (
        <TurnOn
          onDone={() => {
            setN((x) => x + 1);
            refresh();
          }}
        />
      )}
      {status?.status === 'unlocked' && <Unlocked key={n} status={status} />}
    </section>
  );
}
