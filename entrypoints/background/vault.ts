/**
 * The vault in the background: create (first run or settings), unlock at the lock screen,
 * lock (by hand, when idle, when the clock goes back, at browser start), change the
 * passphrase, the duress passphrase (→ panic wipe), and resuming an unlocked session after the
 * service worker restarts (docs/vault-design.md §2, §5, §7).
 *
 * While unlocked, the raw data key is kept in `chrome.storage.session` (memory only, trusted
 * contexts only) so a restarted worker and the extension's pages can open the store; locking
 * removes it, which every open page sees (storage.onChanged) and locks its own connection.
 * While the store is encrypted and locked, this worker's connection refuses every write of a
 * sensitive record (`db.vaultLocked`, encryption-middleware.ts): nothing is written in clear.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import {
  IdleMinutes,
  VaultChangeRequest,
  VaultCreateRequest,
  VaultDuressRequest,
  VaultIdleRequest,
  VaultUnlockRequest,
  type ConversionProgress,
  type VaultAnswer,
  type VaultErrorCode,
  type VaultStatus,
  type VaultStatusAnswer,
  type VaultUnlockAnswer,
} from '@/utils/protocol-vault';
import { StoreLockedError, type EvidenceDb } from '@/utils/store';
import { conversionPending, convertStore, readConversionMarker } from '@/utils/store/convert';
import {
  changeStorePassphrase,
  createStoreVault,
  HEADER_KEY,
  lockStore,
  readVaultHeader,
  unlockStore,
} from '@/utils/store/vault-store';
import {
  decodeSessionSecret,
  encodeSessionSecret,
  prepareVaultConnection,
  SESSION_SECRET_KEY,
} from '@/utils/store/vault-session';
import {
  clearDuressPassphrase,
  DEFAULT_IDLE_TIMEOUT_MS,
  idleLockDueAt,
  initialLockState,
  KdfUnavailableError,
  PassphraseRejectedError,
  reduceLock,
  setDuressPassphrase,
  TamperedError,
  VaultFormatError,
  WrongPassphraseError,
  type LockEvent,
  type LockReason,
  type LockState,
} from '@/utils/vault';
import { panicWipe } from './wipe';

/** The lock reducer's state, kept in session storage so a restarted worker keeps counting. */
const LOCK_STATE_KEY = 'vault.lock';
/** The idle time chosen in settings (a clear `vault.` settings row: no content). */
const IDLE_SETTING = 'vault.idle_minutes';
const IDLE_ALARM = 'protokol-vault-idle';

type UnlockedCallback = (db: EvidenceDb) => Promise<void>;
const unlockedCallbacks: UnlockedCallback[] = [];

/**
 * Run `cb` after every successful unlock, and after a restarted worker resumes an unlocked
 * session (e.g. to open captures sealed while locked). Errors are logged, not thrown.
 */
export function onStoreUnlocked(cb: UnlockedCallback): void {
  unlockedCallbacks.push(cb);
}

let lock: LockState | undefined;
let conversion: ConversionProgress | null = null;
let afterWipeHook: (() => void) | undefined;

function session(): chrome.storage.StorageArea {
  return browser.storage.session;
}

async function readSecret(): Promise<Uint8Array | null> {
  const got = await session().get(SESSION_SECRET_KEY);
  return decodeSessionSecret(got[SESSION_SECRET_KEY]);
}

/** Set up `db` so every (re)opening of the connection takes the vault's state first. */
export function attachVault(db: EvidenceDb): void {
  db.on(
    'ready',
    async (vip) => {
      await prepareVaultConnection(vip as EvidenceDb, await readSecret());
    },
    true,
  );
}

/** The store's state. Opens the connection first (its on-ready hook reads the vault state). */
export async function getVaultStatus(db: EvidenceDb): Promise<VaultStatus> {
  // Always through open(): it waits for the on-ready hook (which reads the vault state) even
  // when another caller opened the connection first; isOpen() is already true before that hook
  // has run, and answering then would say 'clear' for a locked store.
  await db.open();
  if (db.storeCrypto) return 'unlocked';
  return db.vaultLocked ? 'locked' : 'clear';
}

async function idleTimeoutMs(db: EvidenceDb): Promise<number | null> {
  const row = await db.settings.get(IDLE_SETTING);
  if (!row) return DEFAULT_IDLE_TIMEOUT_MS;
  const m = IdleMinutes.safeParse(row.value);
  if (!m.success) return DEFAULT_IDLE_TIMEOUT_MS;
  return m.data === null ? null : m.data * 60_000;
}

let lockLoading: Promise<LockState> | undefined;

/**
 * The lock state: in memory, or loaded once from session storage after a worker restart.
 * Concurrent first callers share one load, and a state set meanwhile (a lock) is never
 * overwritten by the loaded one.
 */
async function lockState(db: EvidenceDb): Promise<LockState> {
  if (lock) return lock;
  lockLoading ??= (async () => {
    const got = await session().get(LOCK_STATE_KEY);
    const kept = got[LOCK_STATE_KEY] as LockState | undefined;
    return kept && typeof kept.lastActivityAt === 'number'
      ? kept
      : initialLockState(Date.now(), await idleTimeoutMs(db));
  })();
  const loaded = await lockLoading;
  lock ??= loaded;
  return lock;
}

/** Forget the lock state (a wipe, a new browser session): the next use starts afresh. */
function resetLockState(): void {
  lock = undefined;
  lockLoading = undefined;
}

async function apply(db: EvidenceDb, e: LockEvent): Promise<LockState> {
  // Reduce from the state as it is now, read with no await in between: another handler may
  // have changed it (a lock) while this one waited.
  await lockState(db);
  const next = reduceLock(lock!, e);
  lock = next;
  await session().set({ [LOCK_STATE_KEY]: next });
  await armIdleAlarm(next);
  return next;
}

async function armIdleAlarm(s: LockState): Promise<void> {
  const due = idleLockDueAt(s);
  if (due === null) await browser.alarms.clear(IDLE_ALARM);
  else await browser.alarms.create(IDLE_ALARM, { when: Math.max(due, Date.now() + 1000) });
}

function errorCode(e: unknown): VaultErrorCode {
  if (e instanceof WrongPassphraseError) return 'vaultErrWrong';
  if (e instanceof TamperedError || e instanceof VaultFormatError) return 'vaultErrTampered';
  if (e instanceof KdfUnavailableError) return 'vaultErrKdf';
  if (e instanceof PassphraseRejectedError) {
    if (e.reason === 'same-as-duress') return 'vaultErrSameAsDuress';
    if (e.reason === 'same-as-passphrase') return 'vaultErrSameAsPassphrase';
  }
  return 'vaultErrUnknown';
}

function failed(e: unknown): { ok: false; code: VaultErrorCode; detail?: string } {
  const code = errorCode(e);
  return code === 'vaultErrUnknown'
    ? { ok: false, code, detail: e instanceof Error ? e.message : String(e) }
    : { ok: false, code };
}

async function storeCount(db: EvidenceDb): Promise<number> {
  const tables = ['settings', 'cases', 'jobs', 'items', 'custody', 'artifacts', 'chunks'];
  const counts = await Promise.all(tables.map((t) => db.table(t).count()));
  return counts.reduce((a, b) => a + b, 0);
}

let converting: Promise<void> | null = null;

/** Run (or resume) the conversion of a store used in clear before; one at a time. */
function runConversion(db: EvidenceDb): Promise<void> {
  converting ??= (async () => {
    try {
      const total = await storeCount(db);
      const start = await readConversionMarker(db);
      conversion = {
        phase: start?.phase ?? 'settings',
        converted: start?.converted ?? 0,
        total,
        running: true,
      };
      const end = await convertStore(db, {
        onProgress: (m) => {
          conversion = { phase: m.phase, converted: m.converted, total, running: true };
        },
      });
      conversion = { phase: end.phase, converted: end.converted, total, running: false };
    } catch (e) {
      // Locked or wiped while converting: not a failure. After a lock the marker says where to
      // resume (the status reads it); after a wipe there is nothing left to convert.
      if (e instanceof StoreLockedError || !db.storeCrypto) {
        conversion = null;
        return;
      }
      conversion = {
        ...(conversion ?? { phase: 'settings', converted: 0, total: 0 }),
        running: false,
        error: e instanceof Error ? e.message : String(e),
      };
      console.error('Protokol: the encryption conversion stopped', e);
    } finally {
      converting = null;
    }
  })();
  return converting;
}

/** After an unlock or a resumed session: pending conversion, then the registered callbacks. */
async function afterUnlock(db: EvidenceDb): Promise<void> {
  if (await conversionPending(db).catch(() => false)) await runConversion(db);
  for (const cb of unlockedCallbacks) {
    await cb(db).catch((e: unknown) => console.error('Protokol: after-unlock task failed', e));
  }
}

async function keepSecret(secret: Uint8Array): Promise<void> {
  await session().set({ [SESSION_SECRET_KEY]: encodeSessionSecret(secret) });
  secret.fill(0);
}

/**
 * Turn encryption on: first run (an empty store) or from settings (the store is converted in
 * place, resumably). Answers once the conversion has finished; `vault.status` shows progress.
 */
export async function createVault(db: EvidenceDb, passphrase: string): Promise<VaultAnswer> {
  let secret: Uint8Array;
  try {
    if (await readVaultHeader(db)) return { ok: false, code: 'vaultErrAlreadyOn' };
    secret = await createStoreVault(db, passphrase);
  } catch (e) {
    return failed(e);
  }
  await keepSecret(secret);
  await apply(db, { type: 'unlocked', at: Date.now() });
  await runConversion(db);
  if (conversion?.error) return { ok: false, code: 'vaultErrConversion', detail: conversion.error };
  void afterUnlock(db);
  return { ok: true };
}

/** The lock screen: unlock, a wrong passphrase, or the duress passphrase (→ panic wipe). */
export async function unlockVault(db: EvidenceDb, passphrase: string): Promise<VaultUnlockAnswer> {
  let r;
  try {
    if (!(await readVaultHeader(db))) return { ok: false, code: 'vaultErrNotOn' };
    r = await unlockStore(db, passphrase);
  } catch (e) {
    return failed(e);
  }
  if (r.result === 'wrong') return { ok: true, result: 'wrong' };
  if (r.result === 'duress') {
    // The extension must look freshly installed: erase everything, forget the lock state.
    resetLockState();
    conversion = null;
    await panicWipe(db, afterWipeHook);
    return { ok: true, result: 'duress' };
  }
  await keepSecret(r.sessionSecret);
  await apply(db, { type: 'unlocked', at: Date.now() });
  void afterUnlock(db);
  return { ok: true, result: 'unlock' };
}

/** Forget the keys here and in every open page (they watch the session secret). */
export async function lockVault(db: EvidenceDb, reason: LockReason = 'manual'): Promise<void> {
  const wasEncrypted = db.storeCrypto !== null || db.vaultLocked;
  if (wasEncrypted || (await readVaultHeader(db).catch(() => undefined))) lockStore(db);
  // The state (and why) first, so whoever sees the key go finds it locked with its reason.
  await lockState(db);
  const s: LockState = { ...reduceLock(lock!, { type: 'lock' }), reason };
  lock = s;
  await session().set({ [LOCK_STATE_KEY]: s });
  await session().remove(SESSION_SECRET_KEY);
  await armIdleAlarm(s);
}

/** The idle alarm (and the test hook): lock if the idle time has passed or the clock went back. */
export async function vaultTick(db: EvidenceDb, at = Date.now()): Promise<void> {
  if ((await getVaultStatus(db)) !== 'unlocked') return;
  const s = reduceLock(await lockState(db), { type: 'tick', at });
  if (s.status === 'locked') await lockVault(db, s.reason);
  else await armIdleAlarm(s);
}

/** Something the user did in an extension page (a privileged message): the idle count restarts. */
export async function vaultActivity(db: EvidenceDb, at = Date.now()): Promise<void> {
  if (!db.storeCrypto) return;
  const s = reduceLock(await lockState(db), { type: 'activity', at });
  if (s.status === 'locked') await lockVault(db, s.reason);
  else await apply(db, { type: 'activity', at });
}

export async function vaultStatusAnswer(db: EvidenceDb): Promise<VaultStatusAnswer> {
  const status = await getVaultStatus(db);
  const ms = await idleTimeoutMs(db);
  let conv = conversion;
  if (!conv && status !== 'clear') {
    const m = await readConversionMarker(db).catch(() => undefined);
    if (m && m.phase !== 'done')
      conv = { phase: m.phase, converted: m.converted, total: 0, running: false };
  }
  return {
    status,
    reason: status === 'locked' ? ((await lockState(db)).reason ?? 'start') : undefined,
    idleMinutes: ms === null ? null : ((ms / 60_000) as IdleMinutes),
    conversion: conv && (conv.running || conv.error || conv.phase !== 'done') ? conv : null,
  };
}

async function changePassphrase(db: EvidenceDb, old: string, next: string): Promise<VaultAnswer> {
  try {
    await changeStorePassphrase(db, old, next);
    return { ok: true };
  } catch (e) {
    return failed(e);
  }
}

async function setDuress(
  db: EvidenceDb,
  passphrase: string,
  duress: string | null,
): Promise<VaultAnswer> {
  const header = await readVaultHeader(db);
  if (!header) return { ok: false, code: 'vaultErrNotOn' };
  try {
    const next =
      duress === null
        ? await clearDuressPassphrase(header, passphrase)
        : await setDuressPassphrase(header, passphrase, duress);
    await db.settings.put({ key: HEADER_KEY, value: next });
    return { ok: true };
  } catch (e) {
    return failed(e);
  }
}

async function setIdle(db: EvidenceDb, minutes: IdleMinutes): Promise<void> {
  await db.settings.put({ key: IDLE_SETTING, value: minutes });
  await apply(db, {
    type: 'set-idle-timeout',
    ms: minutes === null ? null : minutes * 60_000,
    at: Date.now(),
  });
}

export interface VaultService {
  status: () => Promise<VaultStatusAnswer>;
  create: (passphrase: string) => Promise<VaultAnswer>;
  unlock: (passphrase: string) => Promise<VaultUnlockAnswer>;
  lock: () => Promise<void>;
  tick: (at?: number) => Promise<void>;
  setIdle: (minutes: IdleMinutes) => Promise<void>;
}

/**
 * Wire the vault into the background: the connection's on-ready hook, messages (extension
 * pages only), the idle alarm, browser start, and resuming a session after a worker restart.
 */
export function installVault(
  db: EvidenceDb,
  assertExtensionPage: (type: string, sender: chrome.runtime.MessageSender) => void,
  afterWipe?: () => void,
): VaultService {
  afterWipeHook = afterWipe;
  // The session key must never reach content scripts: say so explicitly (it is the default).
  void session()
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch((e: unknown) => console.error('Protokol: could not restrict session storage', e));
  onMessage('vault.status', async ({ sender }) => {
    assertExtensionPage('vault.status', sender);
    return vaultStatusAnswer(db);
  });
  onMessage('vault.create', async ({ data, sender }) => {
    assertExtensionPage('vault.create', sender);
    return createVault(db, VaultCreateRequest.parse(data).passphrase);
  });
  onMessage('vault.unlock', async ({ data, sender }) => {
    assertExtensionPage('vault.unlock', sender);
    return unlockVault(db, VaultUnlockRequest.parse(data).passphrase);
  });
  onMessage('vault.lock', async ({ sender }) => {
    assertExtensionPage('vault.lock', sender);
    await lockVault(db, 'manual');
  });
  onMessage('vault.changePassphrase', async ({ data, sender }) => {
    assertExtensionPage('vault.changePassphrase', sender);
    const req = VaultChangeRequest.parse(data);
    return changePassphrase(db, req.passphrase, req.next);
  });
  onMessage('vault.setDuress', async ({ data, sender }) => {
    assertExtensionPage('vault.setDuress', sender);
    const req = VaultDuressRequest.parse(data);
    return setDuress(db, req.passphrase, req.duress);
  });
  // Nothing to do here: the privileged check already counted it as activity (main.ts).
  onMessage('vault.activity', ({ sender }) => {
    assertExtensionPage('vault.activity', sender);
  });
  onMessage('vault.setIdle', async ({ data, sender }) => {
    assertExtensionPage('vault.setIdle', sender);
    await setIdle(db, VaultIdleRequest.parse(data).minutes);
  });

  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === IDLE_ALARM) void vaultTick(db);
  });
  browser.runtime.onStartup.addListener(() => {
    // A new browser session: session storage is empty already; the state says why it is locked.
    resetLockState();
    void session()
      .remove([SESSION_SECRET_KEY, LOCK_STATE_KEY])
      .then(() => lockVault(db, 'start'));
  });

  // A worker that starts inside an unlocked session resumes it (the on-ready hook took the
  // key); check the idle time first, then carry on with what follows an unlock.
  void (async () => {
    if ((await getVaultStatus(db)) !== 'unlocked') return;
    await vaultTick(db);
    if (db.storeCrypto) await afterUnlock(db);
  })().catch((e: unknown) => console.error('Protokol: could not resume the vault', e));

  return {
    status: () => vaultStatusAnswer(db),
    create: (p) => createVault(db, p),
    unlock: (p) => unlockVault(db, p),
    lock: () => lockVault(db, 'manual'),
    tick: (at) => vaultTick(db, at),
    setIdle: (m) => setIdle(db, m),
  };
}
