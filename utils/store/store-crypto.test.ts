import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StoreCrypto } from './store-crypto';

describe('StoreCrypto blind tokens', () => {
  it('are HMAC-SHA-256 under the HKDF index key, cut to 16 bytes, the same when cached', async () => {
    const raw = new Uint8Array(32).map((_, i) => i * 3 + 1);
    const c = await StoreCrypto.fromRawKey(raw);
    const indexKey = Buffer.from(
      hkdfSync('sha256', raw, Buffer.alloc(0), 'protokol-vault/1 blind-index', 32),
    );
    const want = (index: string, v: string) =>
      'bt.' +
      createHmac('sha256', indexKey)
        .update(`${index}\u0000${v}`, 'utf8')
        .digest()
        .subarray(0, 16)
        .toString('base64url');
    for (const [index, v] of [
      ['words', 'задерж'],
      ['url', 'https://example.org/a'],
      ['tags', ''],
      ['words', 'задерж'], // from the cache this time
    ] as const)
      expect(c.token(index, v)).toBe(want(index, v));
    // Another index, same value: another token.
    expect(c.token('tags', 'x')).not.toBe(c.token('words', 'x'));
  });
});
