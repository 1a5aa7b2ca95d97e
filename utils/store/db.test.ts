import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CHUNK_SIZE, EvidenceDb, isQuotaError, openEvidenceDb } from './db';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
let db: EvidenceDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('EvidenceDb', () => {
  it('opens at version 5 with the documented indexes', async () => {
    db = openEvidenceDb(`t-${crypto.randomUUID()}`);
    await db.open();
    expect(db.verno).toBe(5);
    const items = db.items.schema;
    expect(items.primKey.name).toBe('id');
    expect(items.indexes.map((i) => i.src).sort()).toEqual([
      '*tags',
      '*words',
      'captured_at',
      'case_id',
      'content_digest',
      'kind',
      'url',
    ]);
    expect(db.custody.schema.primKey.keyPath).toEqual(['item_id', 'seq']);
    expect(db.chunks.schema.primKey.keyPath).toEqual(['artifact_id', 'index']);
    expect(CHUNK_SIZE).toBe(4 * 1024 * 1024);
    expect(db.keys.schema.primKey.name).toBe('key_id');
    expect(db.keyLog.schema.primKey.auto).toBe(true);
    expect(db.settings.schema.primKey.name).toBe('key');
    expect(db.staging.schema.primKey.name).toBe('artifact_id');
    expect(db.sealed.schema.primKey.name).toBe('id');
    expect(db.sealedChunks.schema.primKey.keyPath).toEqual(['sealed_id', 'artifact', 'index']);
  });

  it('is named protokol by default', () => {
    const d = openEvidenceDb();
    expect(d.name).toBe('protokol');
    d.close();
  });
});

describe('isQuotaError', () => {
  it('recognises the error however it is wrapped', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', quota()))).toBe(true);
    expect(
      isQuotaError(new Dexie.AbortError('aborted', new Dexie.AbortError('inner', quota()))),
    ).toBe(true);
    expect(isQuotaError(new Dexie.BulkError('bulk', [quota()]))).toBe(true);
    expect(isQuotaError(new Error('x', { cause: quota() }))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
  });
  it('rejects other errors', () => {
    expect(isQuotaError(new Dexie.ConstraintError('dup'))).toBe(false);
    expect(isQuotaError(new Dexie.AbortError('aborted', new Error('boom')))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});
