import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTimestampToken } from './check';
import { requestTimestamp } from './client';
import { buildTimestampRequest } from './request';
import { parseTimestampResponse } from './response';
import { startTestAuthority, type TestAuthority } from './test-authority';

let tsa: TestAuthority;
beforeAll(async () => {
  tsa = await startTestAuthority();
}, 60_000);
afterAll(async () => tsa.close());

const data = new TextEncoder().encode('{"format":"protokol-pack"}\n');
const digestOf = async (b: Uint8Array) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(b)));
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('RFC 3161 against a local openssl authority', () => {
  it('builds a request openssl reads as SHA-256 with certReq', async () => {
    const digest = await digestOf(data);
    writeFileSync(join(tsa.dir, 'ours.tsq'), buildTimestampRequest(digest));
    const text = execFileSync('openssl', ['ts', '-query', '-in', 'ours.tsq', '-text'], {
      cwd: tsa.dir,
      encoding: 'utf8',
    });
    expect(text).toMatch(/Hash Algorithm: sha256/);
    expect(text).toMatch(/Certificate required: yes/);
    expect(text).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(text.replace(/[\s-]/g, '').toLowerCase()).toContain(hex(digest).slice(0, 32));
  });

  it('parses the reply: status, time, imprint, serial, TSA name, certificates', async () => {
    const digest = await digestOf(data);
    const before = Date.now();
    const tsr = tsa.reply(buildTimestampRequest(digest));
    const p = parseTimestampResponse(tsr);
    expect(p.status).toBe(0);
    expect(p.imprint).toBe(hex(digest));
    expect(p.hashAlgorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(Math.abs(Date.parse(p.genTime ?? '') - before)).toBeLessThan(60_000);
    expect(p.genTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(p.serial).toMatch(/^[0-9a-f]+$/);
    expect(p.tsaName).toContain('CN=Protokol Test TSA');
    expect(p.certs.length).toBeGreaterThanOrEqual(1);
  });

  it('accepts a genuine token (and its chain when the root is trusted); openssl agrees', async () => {
    const digest = await digestOf(data);
    const tsr = tsa.reply(buildTimestampRequest(digest));
    const plain = await checkTimestampToken(tsr, hex(digest));
    expect(plain).toMatchObject({
      ok: true,
      tsa: expect.stringContaining('Protokol Test TSA') as unknown,
    });
    const trusted = await checkTimestampToken(tsr, hex(digest), { trustedCertsPem: tsa.caPem });
    expect(trusted).toMatchObject({
      ok: true,
      trusted: true,
      time: parseTimestampResponse(tsr).genTime,
    });
    writeFileSync(join(tsa.dir, 'manifest.json'), data);
    writeFileSync(join(tsa.dir, 'manifest.tsr'), tsr);
    const v = spawnSync(
      'openssl',
      ['ts', '-verify', '-data', 'manifest.json', '-in', 'manifest.tsr', '-CAfile', 'ca.pem'],
      { cwd: tsa.dir, encoding: 'utf8' },
    );
    expect(v.stdout).toContain('Verification: OK');
  });

  it('refuses another imprint, an untrusted root, a damaged signature and garbage', async () => {
    const digest = await digestOf(data);
    const tsr = tsa.reply(buildTimestampRequest(digest));
    expect(await checkTimestampToken(tsr, '00'.repeat(32))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/imprint/) as unknown,
    });
    const other = await startTestAuthority('Other TSA');
    try {
      expect(
        await checkTimestampToken(tsr, hex(digest), { trustedCertsPem: other.caPem }),
      ).toMatchObject({ ok: false, trusted: false });
    } finally {
      await other.close();
    }
    // The RSA signature is the last thing in the SignedData: flip a byte near the end.
    const damaged = tsr.slice();
    damaged[damaged.length - 10] = (damaged[damaged.length - 10] ?? 0) ^ 0xff;
    expect((await checkTimestampToken(damaged, hex(digest))).ok).toBe(false);
    expect(
      (await checkTimestampToken(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), hex(digest))).ok,
    ).toBe(false);
    expect(
      (await checkTimestampToken(crypto.getRandomValues(new Uint8Array(300)), hex(digest))).ok,
    ).toBe(false);
  });

  it('requestTimestamp POSTs application/timestamp-query and checks imprint and nonce', async () => {
    const digest = await digestOf(data);
    const { tsr, parsed } = await requestTimestamp(tsa.url, digest);
    expect(parsed.imprint).toBe(hex(digest));
    expect((await checkTimestampToken(tsr, hex(digest), { trustedCertsPem: tsa.caPem })).ok).toBe(
      true,
    );
    // A server that answers with a stale token (another nonce) is refused.
    const stale = tsa.reply(buildTimestampRequest(digest));
    const replay: typeof fetch = async () => new Response(new Uint8Array(stale), { status: 200 });
    await expect(requestTimestamp(tsa.url, digest, replay)).rejects.toThrow(/nonce/);
    const failing: typeof fetch = async () => new Response('no', { status: 503 });
    await expect(requestTimestamp(tsa.url, digest, failing)).rejects.toThrow(/HTTP 503/);
  });
});
