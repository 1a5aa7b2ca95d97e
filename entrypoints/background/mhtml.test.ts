/**
 * The MHTML adapter: the retry a fresh Chromium profile needs (its first read of the blob
 * fails with NotFoundError about half the time), the reason kept when every attempt fails,
 * and a browser without pageCapture (Firefox) skipped with a reason.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveMhtml } from './mhtml';

type Fake = { pageCapture?: { saveAsMHTML: (d: { tabId: number }) => Promise<Blob | undefined> } };
const fake = fakeBrowser as unknown as Fake;

/** A blob whose first read fails the way Chromium's does on a fresh profile. */
function unreadableBlob(): Blob {
  const b = new Blob(['x']);
  b.arrayBuffer = () =>
    Promise.reject(
      new DOMException('A requested file or directory could not be found', 'NotFoundError'),
    );
  return b;
}

afterEach(() => {
  delete fake.pageCapture;
});

describe('MHTML through pageCapture', () => {
  it('retries when the first blob cannot be read, and returns the bytes', async () => {
    const mhtml = 'From: <Saved by Blink>\r\nSnapshot-Content-Location: http://a.test/\r\n';
    const save = vi
      .fn()
      .mockResolvedValueOnce(unreadableBlob())
      .mockResolvedValueOnce(new Blob([mhtml], { type: 'multipart/related' }));
    fake.pageCapture = { saveAsMHTML: save };
    const r = await saveMhtml(7);
    expect(save).toHaveBeenCalledWith({ tabId: 7 });
    expect(r.ok && new TextDecoder().decode(r.bytes)).toBe(mhtml);
    expect(r.attempts).toBe(2);
  });

  it('gives up after three attempts and says why', async () => {
    const save = vi.fn().mockImplementation(() => Promise.resolve(unreadableBlob()));
    fake.pageCapture = { saveAsMHTML: save };
    const r = await saveMhtml(7);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^NotFoundError: .*\(after 3 attempts\)$/);
    expect(save).toHaveBeenCalledTimes(3);
  });

  it('treats an empty answer as a failure, not as an empty MHTML', async () => {
    fake.pageCapture = { saveAsMHTML: vi.fn().mockResolvedValue(new Blob([])) };
    const r = await saveMhtml(7);
    expect(!r.ok && r.reason).toMatch(/empty MHTML/);
  });

  it('skips with a reason where the browser has no pageCapture (Firefox)', async () => {
    const r = await saveMhtml(7);
    expect(r).toEqual({ ok: false, reason: 'this browser has no pageCapture API', attempts: 0 });
  });
});
