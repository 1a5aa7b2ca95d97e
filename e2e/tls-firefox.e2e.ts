/**
 * Firefox only (Chromium cannot report a page's certificate): a page served over HTTPS by a
 * local server with a certificate chain this test made with openssl (its own CA, trusted in the
 * test profile's NSS database with certutil) is captured, and the item's TLS record must name
 * that chain: the leaf's and the CA's SHA-256 fingerprints equal what openssl computes, the
 * PEM chain is the server's, the record is hashed like every artifact, and the exported pack
 * lists it and verifies with openssl and `protokol verify`.
 * Run with PROTOKOL_BROWSER=firefox only (vitest.e2e.config.ts leaves it out of Chromium runs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainHex } from '../utils/tls/record';
import {
  clipThroughPopup,
  exportPack,
  launch,
  openExtensionPage,
  openPage,
  type Extension,
} from './browser';
import { dumpStore } from './store-reader';

const ROOT = resolve(import.meta.dirname, '..');
const HOST = 'secure.test';
const work = mkdtempSync(join(tmpdir(), 'protokol-tls-'));
const sha = (b: Buffer | Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const fingerprint = (pem: string) =>
  plainHex(openssl('x509', '-in', pem, '-noout', '-fingerprint', '-sha256').trim().split('=')[1]!);

/** A CA and a leaf for secure.test signed by it, made here with openssl. */
function makeChain() {
  writeFileSync(
    join(work, 'leaf.ext'),
    `subjectAltName=DNS:${HOST}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
  );
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3',
    '-subj',
    '/CN=Protokol e2e test CA/O=Protokol tests',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    `/CN=${HOST}/O=Protokol tests`,
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'leaf.pem',
    '-days',
    '2',
    '-extfile',
    'leaf.ext',
  );
}

/** A Firefox profile whose NSS database trusts the test CA for web sites. */
function profileTrustingCa(): string {
  const profile = join(work, 'profile');
  mkdirSync(profile);
  const db = `sql:${profile}`;
  execFileSync('certutil', ['-N', '--empty-password', '-d', db]);
  execFileSync('certutil', [
    '-A',
    '-n',
    'Protokol e2e test CA',
    '-t',
    'C,,',
    '-i',
    join(work, 'ca.pem'),
    '-d',
    db,
  ]);
  return profile;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Served over TLS</title></head>
<body><article><h1>Served over TLS</h1><p>${'Witnesses describe the detention of conscripts outside the metro station; the office denies it. '.repeat(8)}</p></article></body></html>`;

let server: Server;
let port = 0;
let ext: Extension;

describe('the TLS record of a captured page (Firefox)', () => {
  beforeAll(async () => {
    makeChain();
    const chain =
      readFileSync(join(work, 'leaf.pem'), 'utf8') + readFileSync(join(work, 'ca.pem'), 'utf8');
    server = createServer(
      { key: readFileSync(join(work, 'leaf.key')), cert: chain },
      (_req, res) => {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(PAGE);
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    ext = await launch({ profile: profileTrustingCa(), mapHosts: [HOST] });
  });
  afterAll(async () => {
    await ext?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  let itemId = '';

  it('stores tls.json and tls-chain.pem naming the certificates the server sent', async () => {
    const url = `https://${HOST}:${port}/article.html`;
    const { page, tabId } = await openPage(ext, url);
    const { popup, state } = await clipThroughPopup(ext, tabId, { fullPage: 'saved' });
    expect(state, await popup.getByTestId('capture-status').innerText()).toBe('ok');
    await popup.close();
    await page.close();
    const dump = await dumpStore(await ext.worker(), { withBytes: true });
    const item = dump.items.find((i) => i.url === url)!;
    expect(item).toBeDefined();
    itemId = item.id;
    const bytesOf = (name: string) => {
      const a = item.artifacts.find((x) => x.path.endsWith(`/${name}`));
      expect(a, name).toBeDefined();
      expect(a!.role).toBe('metadata');
      const b = Buffer.from(dump.bytes[a!.artifact_id]!, 'base64');
      expect(sha(b), `${name} is hashed like every artifact`).toBe(a!.sha256);
      return b;
    };
    const rec = JSON.parse(bytesOf('tls.json').toString('utf8')) as {
      url: string;
      state: string;
      protocol_version: string;
      cipher_suite: string;
      certificates: Array<{
        subject: string;
        issuer: string;
        serial: string;
        sha256: string;
        not_before: string;
        not_after: string;
        der_base64: string;
      }>;
    };
    expect(rec.url).toBe(url);
    expect(rec.state).toBe('secure');
    expect(rec.protocol_version).toBe('TLSv1.3');
    expect(rec.cipher_suite).toMatch(/^TLS_/);
    expect(rec.certificates).toHaveLength(2);
    const [leaf, ca] = rec.certificates;
    expect(leaf!.sha256).toBe(fingerprint('leaf.pem'));
    expect(ca!.sha256).toBe(fingerprint('ca.pem'));
    expect(leaf!.subject).toContain(`CN=${HOST}`);
    expect(leaf!.issuer).toContain('CN=Protokol e2e test CA');
    const serial = openssl('x509', '-in', 'leaf.pem', '-noout', '-serial').trim().split('=')[1]!;
    expect(plainHex(leaf!.serial)).toBe(serial.toLowerCase());
    const notAfter = openssl('x509', '-in', 'leaf.pem', '-noout', '-enddate').trim().split('=')[1]!;
    expect(Date.parse(leaf!.not_after)).toBe(Date.parse(notAfter));
    expect(sha(Buffer.from(leaf!.der_base64, 'base64'))).toBe(leaf!.sha256);
    // The PEM chain is the server's, byte for byte, and openssl checks it against the CA.
    const pem = bytesOf('tls-chain.pem').toString('utf8');
    const served =
      readFileSync(join(work, 'leaf.pem'), 'utf8') + readFileSync(join(work, 'ca.pem'), 'utf8');
    expect(pem).toBe(served);
    writeFileSync(join(work, 'stored-chain.pem'), pem);
    expect(fingerprint('stored-chain.pem')).toBe(fingerprint('leaf.pem'));
    expect(openssl('verify', '-CAfile', 'ca.pem', 'leaf.pem')).toMatch(/OK/);
    expect((item.alterations as string[]).join('\n')).not.toMatch(/TLS record is missing/);
  });

  it('exports it in a pack that verifies with openssl and protokol verify', async () => {
    const lib = await openExtensionPage(ext, 'library.html');
    const path = await exportPack(lib, [itemId], join(work, 'tls.protokol.zip'));
    await lib.close();
    const dir = join(work, 'unzipped');
    execFileSync('unzip', ['-q', path, '-d', dir]);
    const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
    const tlsLine = sums.split('\n').find((l) => l.endsWith('/tls.json'))!;
    expect(tlsLine).toBeDefined();
    expect(tlsLine.split(/\s+/)[0]).toBe(
      sha(readFileSync(join(dir, tlsLine.split(/\s+/).at(-1)!))),
    );
    expect(sums).toMatch(/\/tls-chain\.pem$/m);
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' }),
    ).not.toMatch(/FAILED/);
    const sig = spawnSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'signer.pem',
        '-rawin',
        '-in',
        'manifest.json',
        '-sigfile',
        'manifest.sig',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(sig.stdout).toMatch(/Signature Verified Successfully/);
    const cli = spawnSync('npx', ['tsx', 'cli/protokol.ts', 'verify', path, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as { status: string }).status).toBe('valid');
  });
});
