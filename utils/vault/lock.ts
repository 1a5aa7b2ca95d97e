/**
 * The lock as pure logic: a reducer over events, with the time passed in, so the rules are
 * tested with a fake clock and the background only wires events and an alarm to it.
 *
 * Rules: the store starts locked when the browser starts; the user can lock it at any time;
 * it locks itself after the idle time the user chose (or never, if they chose so) since the last
 * activity. Captures made while locked are sealed to the vault's public key and counted, so the
 * lock screen can say how many wait to be opened.
 */

export type LockStatus = 'locked' | 'unlocked';
export type LockReason = 'start' | 'manual' | 'idle' | 'clock';

export interface LockState {
  status: LockStatus;
  /** Why the store is locked (for the lock screen); undefined while unlocked. */
  reason?: LockReason;
  /** Idle time before locking itself, in ms; null: never on idle. */
  idleTimeoutMs: number | null;
  /** Epoch ms of the last thing the user did with the extension while unlocked. */
  lastActivityAt: number;
  /** Captures sealed while locked and not yet opened into the store. */
  queuedSealed: number;
}

export type LockEvent =
  | { type: 'browser-start'; at: number }
  | { type: 'unlocked'; at: number }
  | { type: 'activity'; at: number }
  | { type: 'tick'; at: number }
  | { type: 'lock' }
  | { type: 'set-idle-timeout'; ms: number | null; at: number }
  | { type: 'sealed-queued' }
  | { type: 'sealed-opened'; count: number };

/** The idle times offered in settings (minutes); `null` is "never". */
export const IDLE_TIMEOUT_CHOICES_MIN = [1, 5, 15, 30, 60, 240, null] as const;
export const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60_000;

function checkTimeout(ms: number | null): number | null {
  if (ms !== null && !(Number.isFinite(ms) && ms >= 10_000)) {
    throw new RangeError('idle timeout must be at least 10 s, or null for never');
  }
  return ms;
}

export function initialLockState(
  at: number,
  idleTimeoutMs: number | null = DEFAULT_IDLE_TIMEOUT_MS,
): LockState {
  return {
    status: 'locked',
    reason: 'start',
    idleTimeoutMs: checkTimeout(idleTimeoutMs),
    lastActivityAt: at,
    queuedSealed: 0,
  };
}

function locked(s: LockState, reason: LockReason): LockState {
  return { ...s, status: 'locked', reason };
}

export function reduceLock(s: LockState, e: LockEvent): LockState {
  switch (e.type) {
    case 'browser-start':
      // The data key lived only in memory: a new browser session always starts locked.
      return { ...locked(s, 'start'), lastActivityAt: e.at };
    case 'unlocked':
      return { ...s, status: 'unlocked', reason: undefined, lastActivityAt: e.at };
    case 'activity':
      if (s.status === 'locked') return s;
      if (e.at < s.lastActivityAt) return locked(s, 'clock');
      return { ...s, lastActivityAt: e.at };
    case 'tick': {
      if (s.status === 'locked') return s;
      // A clock that went back cannot be trusted to measure idleness: fail closed.
      if (e.at < s.lastActivityAt) return locked(s, 'clock');
      const due = idleLockDueAt(s);
      return due !== null && e.at >= due ? locked(s, 'idle') : s;
    }
    case 'lock':
      return locked(s, 'manual');
    case 'set-idle-timeout':
      // Changing the setting counts as activity: the new countdown starts now.
      return {
        ...s,
        idleTimeoutMs: checkTimeout(e.ms),
        lastActivityAt: s.status === 'unlocked' ? e.at : s.lastActivityAt,
      };
    case 'sealed-queued':
      return { ...s, queuedSealed: s.queuedSealed + 1 };
    case 'sealed-opened':
      if (s.status === 'locked') return s; // opening needs the private key
      return { ...s, queuedSealed: Math.max(0, s.queuedSealed - e.count) };
  }
}

/** When the store will lock itself if nothing happens (for an alarm), or null. */
export function idleLockDueAt(s: LockState): number | null {
  if (s.status === 'locked' || s.idleTimeoutMs === null) return null;
  return s.lastActivityAt + s.idleTimeoutMs;
}

/** What a capture does in this state: stored encrypted as usual, or sealed to the public key. */
export function captureMode(s: LockState): 'store' | 'seal' {
  return s.status === 'unlocked' ? 'store' : 'seal';
}
