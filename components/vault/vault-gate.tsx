/**
 * What an extension page shows according to the vault: its content when the store is clear
 * or unlocked, the lock screen instead when it is locked (nothing of the store is read or
 * written then).
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import type { VaultStatus } from '@/utils/protocol-vault';
import { useLiveQuery } from 'dexie-react-hooks';
import { countSealed, sealedProblems, type EvidenceDb } from '@/utils/store';
import { LockScreen } from './lock-screen';
import { useVaultStatus } from './page-store';
import './vault.css';

interface VaultValue {
  status: VaultStatus | undefined;
  refresh: () => void;
}
const VaultContext = createContext<VaultValue>({ status: undefined, refresh: () => undefined });

export function useVault(): VaultValue {
  return useContext(VaultContext);
}

export interface VaultGateProps {
  db: EvidenceDb;
  children: ReactNode;
  /** A smaller lock screen (the popup). */
  compact?: boolean;
  /** Shown under the lock screen while locked (the popup's clip button: captures are sealed). */
  whileLocked?: ReactNode;
  /** What surrounds the content or the lock screen (a header with the Lock button). */
  frame?: (body: ReactNode) => ReactNode;
}

export function VaultGate(props: VaultGateProps) {
  const { db, children, compact, frame, whileLocked } = props;
  const { t } = useI18n();
  const { status, refresh } = useVaultStatus(db);
  // Captures sealed while locked (the queue is readable without the key), kept up to date.
  const sealedCount = useLiveQuery(
    () => (status === 'locked' ? countSealed(db) : undefined),
    [db, status],
  );

  // Captures sealed while locked that did not open or verify at the unlock: kept, and said so.
  const keptAside = useLiveQuery(
    () => (status === 'unlocked' ? sealedProblems(db).then((p) => p.length) : undefined),
    [db, status],
  );

  useActivityPings(status === 'unlocked');

  let body: ReactNode;
  if (status === undefined) body = <p className="vault-loading muted">{t('vaultOpening')}</p>;
  else if (status === 'locked')
    body = (
      <>
        <LockScreen onDone={refresh} sealedCount={sealedCount} compact={compact} />
        {whileLocked}
      </>
    );
  else
    body =
      keptAside !== undefined && keptAside > 0 ? (
        <>
          <p className="error" data-testid="sealed-kept-aside" role="alert">
            {t('sealedKeptAside', { count: keptAside })}
          </p>
          {children}
        </>
      ) : (
        children
      );
  return (
    <VaultContext.Provider value={{ status, refresh }}>
      {frame ? frame(body) : body}
    </VaultContext.Provider>
  );
}

/** At most one activity message per this many ms (the idle times are minutes). */
const ACTIVITY_EVERY_MS = 20_000;

/**
 * While unlocked, what the user does in this page (keys, clicks, scrolling) tells the
 * background they are not idle, also where nothing else asks it anything (reading the library).
 */
function useActivityPings(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void sendMessage('vault.activity', undefined).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'scroll'] as const;
    for (const e of events) window.addEventListener(e, ping, { capture: true, passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, ping, { capture: true });
    };
  }, [on]);
}

/** "Lock" for a page's header: shown only while the store is encrypted and unlocked. */
export function LockButton() {
  const { t } = useI18n();
  const { status } = useVault();
  if (status !== 'unlocked') return null;
  return (
    <button
      type="button"
      className="vault-lock-button"
      data-testid="vault-lock"
      title={t('vaultLockHint')}
      onClick={() => void sendMessage('vault.lock', undefined)}
    >
      {t('vaultLock')}
    </button>
  );
}
