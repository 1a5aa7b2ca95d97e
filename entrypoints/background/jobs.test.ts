/**
 * Start-up recovery: a capture job left running is reported as interrupted; a full-page phase
 * left running makes its saved item say the full-page screenshot is missing and why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getCustodyLines, saveCapture, StoreLockedError, type EvidenceDb } from '@/utils/store';
import { freshDb, sampleCapture } from '@/utils/store/test-support';
import { FULL_PAGE_STOPPED, recoverInterruptedJobs, toUserError } from './jobs';

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});

const started_at = new Date().toISOString();

describe('recoverInterruptedJobs', () => {
  it('marks a stopped full-page phase: job interrupted, item missing with the reason', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture({ full_page: { status: 'pending' } }));
    await db.jobs.bulkPut([
      {
        id: 'fp',
        kind: 'full_page',
        item_id: item.id,
        url: item.url,
        status: 'running',
        started_at,
      },
      { id: 'cap', url: 'https://example.org/b', status: 'running', started_at },
      // The worker stopped before the save: no item, nothing to show but the capture job.
      {
        id: 'fp2',
        kind: 'full_page',
        item_id: crypto.randomUUID(),
        url: 'x',
        status: 'running',
        started_at,
      },
      { id: 'old', kind: 'full_page', item_id: item.id, url: item.url, status: 'done', started_at },
    ]);
    expect(await recoverInterruptedJobs(db)).toBe(3);
    const after = (await db.items.get(item.id))!;
    expect(after.full_page).toMatchObject({ status: 'missing', reason: FULL_PAGE_STOPPED });
    expect(after.alterations).toContain(
      `the full-page screenshot is missing: ${FULL_PAGE_STOPPED}`,
    );
    const actions = (await getCustodyLines(db, item.id)).map(
      (l) => (JSON.parse(l) as { action: string }).action,
    );
    expect(actions).toEqual(['captured', 'full_page_missing']);
    expect(await db.jobs.get('fp')).toMatchObject({
      status: 'interrupted',
      error: { code: 'errFullPageInterrupted' },
      seen: false,
    });
    expect(await db.jobs.get('fp2')).toMatchObject({ status: 'interrupted', seen: true });
    expect(await db.jobs.get('cap')).toMatchObject({
      status: 'interrupted',
      error: { code: 'errInterrupted' },
    });
    expect((await db.jobs.get('old'))!.status).toBe('done');
  });
});

describe('toUserError for a locked store', () => {
  it('says the store is locked (errStoreLocked), also when Dexie wraps the error', () => {
    db = freshDb();
    expect(toUserError(new StoreLockedError())).toEqual({ code: 'errStoreLocked' });
    const wrapped = Object.assign(new Error('Transaction aborted'), {
      name: 'AbortError',
      inner: new StoreLockedError(),
    });
    expect(toUserError(wrapped)).toEqual({ code: 'errStoreLocked' });
    expect(toUserError(new Error('other')).code).toBe('errUnknown');
  });
});
