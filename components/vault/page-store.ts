/**
 * The one way an extension page (library, popup, settings) opens the evidence store: every
 * opening first takes the vault's state from the session key the background keeps in
 * `chrome.storage.session` (unlocked), or marks the connection locked so nothing is ever
 * written in clear into an encrypted store; a lock or unlock done anywhere (storage.onChanged)
 * is applied to this page's connection at once, and `useVaultStatus` re-renders.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { openEvidenceDb, type EvidenceDb } from '@/utils/store';
import { lockStore, loadVaultState } from '@/utils/store/vault-store';
import {
  decodeSessionSecret,
  prepareVaultConnection,
  SESSION_SECRET_KEY,
} from '@/utils/store/vault-session';
import type { VaultStatus } from '@/utils/protocol-vault';

type Listener = () => void;
const listeners = new Map<EvidenceDb, Set<Listener>>();

async function readSecret(): Promise<Uint8Array | null> {
  const got = await browser.storage.session.get(SESSION_SECRET_KEY);
  return decodeSessionSecret(got[SESSION_SECRET_KEY]);
}

function notify(db: EvidenceDb): void {
  for (const l of listeners.get(db) ?? []) l();
}

/** Opens (lazily) a store connection bound to the vault's session. Call once per page. */
export function openPageStore(): EvidenceDb {
  const db = openEvidenceDb();
  listeners.set(db, new Set());
  db.on(
    'ready',
    async (vip) => {
      await prepareVaultConnection(vip as EvidenceDb, await readSecret());
    },
    true,
  );
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'session' || !(SESSION_SECRET_KEY in changes)) return;
    const secret = decodeSessionSecret(changes[SESSION_SECRET_KEY]?.newValue);
    void (async () => {
      if (!secret) {
        // Locked elsewhere (or wiped): forget the keys now, before anything else reads.
        if (db.storeCrypto || db.vaultLocked) lockStore(db);
      } else if (db.isOpen()) {
        await prepareVaultConnection(db, secret);
      }
      notify(db);
    })();
  });
  return db;
}

/** The store's state as this page's connection sees it (opens the connection). */
export async function pageVaultStatus(db: EvidenceDb): Promise<VaultStatus> {
  // Always through open(): it waits for the on-ready hook even when the connection is already
  // opening (isOpen() is true before that hook has read the vault state).
  await db.open();
  if (db.storeCrypto) return 'unlocked';
  return loadVaultState(db);
}

/**
 * The vault state for rendering: undefined while it is read, then clear / locked / unlocked,
 * updated when the store is locked or unlocked anywhere. `refresh` re-reads (after a wipe).
 */
export function useVaultStatus(db: EvidenceDb): {
  status: VaultStatus | undefined;
  refresh: () => void;
} {
  const [status, setStatus] = useState<VaultStatus | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    // Reads can finish out of order (a locked read waits for the database, an unlocked one
    // does not): only the latest one started may set the state.
    let seq = 0;
    const read = () => {
      const mine = ++seq;
      const apply = (s: VaultStatus) => alive && mine === seq && setStatus(s);
      void pageVaultStatus(db).then(apply, () => apply('locked'));
    };
    const set = listeners.get(db);
    set?.add(read);
    read();
    return () => {
      alive = false;
      set?.delete(read);
    };
  }, [db, tick]);
  return { status, refresh: () => setTick((n) => n + 1) };
}
