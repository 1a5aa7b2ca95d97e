/**
 * Capture jobs and how their failures reach the user, shared by the page and Telegram capture
 * paths: a job is recorded before work starts, so a worker stopped mid-capture is noticed at the
 * next start, and a failure is recorded with the message key the popup shows.
 */
import type { UserError } from '@/utils/protocol';
import {
  isQuotaError,
  markFullPageMissing,
  sweepStagedArtifacts,
  type EvidenceDb,
} from '@/utils/store';

/** A failure with a message meant for the user (a key of utils/i18n and its parameters). */
export class UserFacingError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.code);
  }
}

export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** True when `e` is, or wraps (Dexie wraps errors thrown in transactions), StoreLockedError. */
export function isStoreLockedError(e: unknown, depth = 0): boolean {
  if (typeof e !== 'object' || e === null || depth > 5) return false;
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown };
  if (err.name === 'StoreLockedError') return true;
  return isStoreLockedError(err.inner, depth + 1) || isStoreLockedError(err.cause, depth + 1);
}

/** What the user is told about `e`: its own message, a full store, or the error's text. */
export function toUserError(e: unknown): UserError {
  if (e instanceof UserFacingError) return e.userError;
  if (isQuotaError(e)) return { code: 'errQuota' };
  if (isStoreLockedError(e)) return { code: 'errStoreLocked' };
  return { code: 'errUnknown', params: { detail: describeError(e) } };
}

/** Record that job `jobId` failed because of `e`; returns what to tell the user. */
export async function failJob(db: EvidenceDb, jobId: string, e: unknown): Promise<UserError> {
  const error = toUserError(e);
  await db.jobs
    .update(jobId, {
      status: 'failed',
      finished_at: new Date().toISOString(),
      error: { code: error.code, detail: error.params?.detail },
      seen: false,
    })
    .catch(() => undefined);
  return error;
}

/** Why a full-page screenshot whose worker stopped is missing (the item's log and alterations). */
export const FULL_PAGE_STOPPED =
  'the extension was stopped before the full-page screenshot was finished';

/**
 * Mark captures that were running when the worker last stopped: they can never finish. The
 * files they were streaming into the store are deleted (staged chunks no item owns), so a
 * stopped worker never leaves a half artifact behind. A stopped full-page phase (its item is
 * saved) makes the item say its full-page screenshot is missing and why.
 */
export async function recoverInterruptedJobs(db: EvidenceDb): Promise<number> {
  const startedAt = new Date().toISOString();
  const swept = await sweepStagedArtifacts(db, startedAt);
  if (swept > 0)
    console.info(`Protokol: deleted ${swept} unfinished download(s) of a stopped worker`);
  const running = await db.jobs.where('status').equals('running').toArray();
  for (const j of running) {
    if (j.kind === 'full_page') {
      // No item (the worker stopped before the save): the capture job itself is reported.
      const recorded =
        j.item_id !== undefined && (await markFullPageMissing(db, j.item_id, FULL_PAGE_STOPPED));
      await db.jobs.update(j.id, {
        status: 'interrupted',
        finished_at: new Date().toISOString(),
        error: { code: 'errFullPageInterrupted' },
        seen: !recorded,
      });
      continue;
    }
    await db.jobs.update(j.id, {
      status: 'interrupted',
      finished_at: new Date().toISOString(),
      error: { code: 'errInterrupted' },
      seen: false,
    });
  }
  return running.length;
}
