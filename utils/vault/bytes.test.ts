import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url, toBase64UrlPortable } from './bytes';

const sample = (n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 151 + n * 7) & 255;
  return b;
};

describe('base64url', () => {
  it('the table encoder, the one in use and Node agree for every length', () => {
    for (const n of [...Array.from({ length: 70 }, (_, i) => i), 4093, 300_001]) {
      const b = sample(n);
      const want = Buffer.from(b).toString('base64url');
      expect(toBase64UrlPortable(b)).toBe(want);
      expect(toBase64Url(b)).toBe(want);
      expect(Array.from(fromBase64Url(want))).toEqual(Array.from(b));
    }
  });

  it('refuses what is not base64url', () => {
    for (const bad of ['a', 'ab+c', 'ab/c', 'ab=', 'a b c', 'abcde']) {
      expect(() => fromBase64Url(bad), bad).toThrow('not base64url');
    }
  });
});
