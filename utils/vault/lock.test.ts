import { describe, expect, it } from 'vitest';
import {
  captureMode,
  idleLockDueAt,
  initialLockState,
  reduceLock,
  type LockEvent,
  type LockState,
} from './index';

/** An event as the driver sends it: the fake clock stamps the time. */
type Unstamped = LockEvent extends infer E ? (E extends { at: number } ? Omit<E, 'at'> : E) : never;

/** A fake clock and a driver that feeds events stamped with its time. */
function harness(idleMs: number | null = 5 * 60_000) {
  let now = 1_700_000_000_000;
  let state: LockState = initialLockState(now, idleMs);
  return {
    advance: (ms: number) => (now += ms),
    send: (e: Unstamped) => {
      state = reduceLock(state, { ...e, at: now } as LockEvent); // 'at' is ignored where unused
      return state;
    },
    get state() {
      return state;
    },
  };
}

describe('lock state machine', () => {
  it('starts locked, with captures sealed', () => {
    const h = harness();
    expect(h.state).toMatchObject({ status: 'locked', reason: 'start' });
    expect(captureMode(h.state)).toBe('seal');
  });

  it('locks after the chosen idle time, not before; activity postpones it', () => {
    const h = harness(5 * 60_000);
    h.send({ type: 'unlocked' });
    expect(captureMode(h.state)).toBe('store');
    h.advance(4 * 60_000);
    expect(h.send({ type: 'tick' }).status).toBe('unlocked');
    h.send({ type: 'activity' });
    h.advance(4 * 60_000);
    expect(h.send({ type: 'tick' }).status).toBe('unlocked');
    expect(idleLockDueAt(h.state)).toBe(h.state.lastActivityAt + 5 * 60_000);
    h.advance(60_000);
    expect(h.send({ type: 'tick' })).toMatchObject({ status: 'locked', reason: 'idle' });
    expect(idleLockDueAt(h.state)).toBeNull();
  });

  it('"never" does not lock on idle, but manual lock and browser start still do', () => {
    const h = harness(null);
    h.send({ type: 'unlocked' });
    h.advance(30 * 24 * 3600_000);
    expect(h.send({ type: 'tick' }).status).toBe('unlocked');
    expect(h.send({ type: 'lock' })).toMatchObject({ status: 'locked', reason: 'manual' });
    h.send({ type: 'unlocked' });
    expect(h.send({ type: 'browser-start' })).toMatchObject({ status: 'locked', reason: 'start' });
  });

  it('changing the idle time restarts the countdown and validates the value', () => {
    const h = harness(60 * 60_000);
    h.send({ type: 'unlocked' });
    h.advance(10 * 60_000);
    h.send({ type: 'set-idle-timeout', ms: 60_000 });
    h.advance(59_000);
    expect(h.send({ type: 'tick' }).status).toBe('unlocked');
    h.advance(1_000);
    expect(h.send({ type: 'tick' }).status).toBe('locked');
    expect(() => h.send({ type: 'set-idle-timeout', ms: 0 })).toThrow(RangeError);
    expect(() => initialLockState(0, Number.NaN)).toThrow(RangeError);
  });

  it('a clock that jumps back locks (fails closed)', () => {
    const h = harness();
    h.send({ type: 'unlocked' });
    h.advance(-3600_000);
    expect(h.send({ type: 'tick' })).toMatchObject({ status: 'locked', reason: 'clock' });
  });

  it('activity while locked does not unlock or extend anything', () => {
    const h = harness();
    const before = h.state;
    h.advance(1000);
    expect(h.send({ type: 'activity' })).toBe(before);
  });

  it('counts captures sealed while locked; they are opened only when unlocked', () => {
    const h = harness();
    h.send({ type: 'sealed-queued' });
    h.send({ type: 'sealed-queued' });
    expect(h.state.queuedSealed).toBe(2);
    expect(h.send({ type: 'sealed-opened', count: 2 }).queuedSealed).toBe(2);
    h.send({ type: 'unlocked' });
    expect(h.send({ type: 'sealed-opened', count: 5 }).queuedSealed).toBe(0);
  });
});
