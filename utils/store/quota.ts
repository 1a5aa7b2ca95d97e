/**
 * Checking for storage space before a large write. A file whose size is known in advance is
 * refused before its first byte is stored when the browser says there is not room for it, so
 * the user learns at once (and why) instead of after minutes of downloading.
 */

/** What `navigator.storage.estimate()` answers (either field may be missing). */
export interface SpaceEstimate {
  quota?: number;
  usage?: number;
}
export type EstimateFn = () => Promise<SpaceEstimate>;

/**
 * Room kept free beyond the file itself: IndexedDB's own overhead, the item's other artifacts
 * and custody records, and other captures running meanwhile.
 */
export const SPACE_MARGIN = 64 * 1024 * 1024;

/** The file needs `needed` bytes (margin included) and only `free` are available. */
export class InsufficientSpaceError extends Error {
  constructor(
    readonly needed: number,
    readonly free: number,
  ) {
    super(`not enough storage space: ${needed} bytes needed, ${free} free`);
    this.name = 'InsufficientSpaceError';
  }
}

/** The browser's estimate, when this environment has one (service worker, extension page). */
export function defaultEstimate(): EstimateFn | undefined {
  const storage = (globalThis as { navigator?: { storage?: { estimate?: EstimateFn } } }).navigator
    ?.storage;
  if (typeof storage?.estimate !== 'function') return undefined;
  return () => storage.estimate!();
}

/**
 * Throws InsufficientSpaceError when `bytes` plus the margin do not fit in quota − usage.
 * An environment without an estimate (or one that fails) is not refused: the write itself
 * then meets any real quota error, which the stager rolls back whole.
 */
export async function ensureSpace(
  bytes: number,
  estimate: EstimateFn | undefined = defaultEstimate(),
): Promise<void> {
  if (!estimate || !(bytes > 0)) return;
  let e: SpaceEstimate;
  try {
    e = await estimate();
  } catch {
    return;
  }
  if (typeof e.quota !== 'number' || !Number.isFinite(e.quota)) return;
  const free = Math.max(0, e.quota - (e.usage ?? 0));
  const needed = bytes + SPACE_MARGIN;
  if (needed > free) throw new InsufficientSpaceError(needed, free);
}
