import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTlsRecord, chainPem, plainHex, type SecurityInfoLike } from './record';

/** A real certificate made by openssl for the test, and what openssl says about it. */
function makeCert() {
  const dir = mkdtempSync(join(tmpdir(), 'protokol-tls-unit-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=unit.test',
      '-addext',
      'subjectAltName=DNS:unit.test',
    ],
    { stdio: 'ignore' },
  );
  const der = execFileSync('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-outform', 'DER']);
  const fp = execFileSync(
    'openssl',
    ['x509', '-in', join(dir, 'cert.pem'), '-noout', '-fingerprint', '-sha256'],
    { encoding: 'utf8' },
  );
  return { dir, der: new Uint8Array(der), sha256: plainHex(fp.trim().split('=')[1]!) };
}

describe('the TLS record', () => {
  it('fingerprints each certificate from its DER bytes, as openssl does, and writes a PEM chain openssl reads', () => {
    const cert = makeCert();
    const info: SecurityInfoLike = {
      state: 'secure',
      protocolVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      keaGroupName: 'x25519',
      hsts: false,
      certificates: [
        {
          subject: 'CN=unit.test',
          issuer: 'CN=unit.test',
          validity: { start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 10, 3) },
          serialNumber: '01:02',
          fingerprint: { sha256: 'AA:BB' },
          rawDER: Array.from(cert.der),
        },
      ],
    };
    const r = buildTlsRecord('https://unit.test/', info, new Date(Date.UTC(2026, 10, 2)));
    expect(r.protocol_version).toBe('TLSv1.3');
    expect(r.cipher_suite).toBe('TLS_AES_128_GCM_SHA256');
    expect(r.certificates[0]!.sha256).toBe(cert.sha256);
    expect(r.certificates[0]!.browser_sha256).toBe('AA:BB');
    expect(r.certificates[0]!.not_before).toBe('2026-11-01T00:00:00.000Z');
    const pem = join(cert.dir, 'chain.pem');
    writeFileSync(pem, chainPem(r));
    const fp = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], {
      encoding: 'utf8',
    });
    expect(plainHex(fp.trim().split('=')[1]!)).toBe(cert.sha256);
    expect(readFileSync(pem, 'utf8')).toBe(readFileSync(join(cert.dir, 'cert.pem'), 'utf8'));
  });

  it('keeps a certificate without DER bytes without inventing a fingerprint', () => {
    const r = buildTlsRecord(
      'https://x.test/',
      {
        state: 'insecure',
        certificates: [
          { subject: 'CN=x', issuer: 'CN=x', validity: { start: 0, end: 1 }, serialNumber: '00' },
        ],
      },
      new Date(0),
    );
    expect(r.certificates[0]!.sha256).toBe('');
    expect(chainPem(r)).toBe('');
    expect(r.protocol_version).toBeNull();
  });
});
