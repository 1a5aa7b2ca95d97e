/**
 * A local RFC 3161 authority made with `openssl ts` for tests (imported by *.test.ts only):
 * a self-made root CA, a TSA certificate with `extendedKeyUsage=critical,timeStamping`, and an
 * HTTP endpoint answering `application/timestamp-query` the way public TSAs do.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The authority's files and endpoint. */
export interface TestAuthority {
  dir: string;
  caPem: string;
  tsaPem: string;
  /** Answers a DER TimeStampReq with `openssl ts -reply`. */
  reply(query: Uint8Array): Uint8Array;
  /** http://127.0.0.1:<port>/tsr */
  url: string;
  close(): Promise<void>;
}

function run(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** Creates the CA, the TSA certificate and the config, and starts the HTTP endpoint. */
export async function startTestAuthority(cn = 'Protokol Test TSA'): Promise<TestAuthority> {
  const dir = mkdtempSync(join(tmpdir(), 'protokol-tsa-'));
  run(dir, [
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
    '30',
    '-subj',
    '/CN=Protokol Test Root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  run(dir, [
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'tsa.key',
    '-out',
    'tsa.csr',
    '-subj',
    `/O=Protokol tests/CN=${cn}`,
  ]);
  writeFileSync(
    join(dir, 'ext.cnf'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n',
  );
  run(dir, [
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tsa.pem',
    '-days',
    '30',
    '-extfile',
    'ext.cnf',
  ]);
  writeFileSync(join(dir, 'tsaserial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = ${dir}
serial = $dir/tsaserial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  const reply = (query: Uint8Array): Uint8Array => {
    writeFileSync(join(dir, 'q.tsq'), query);
    run(dir, ['ts', '-reply', '-queryfile', 'q.tsq', '-config', 'tsa.cnf', '-out', 'r.tsr']);
    return new Uint8Array(readFileSync(join(dir, 'r.tsr')));
  };
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(400).end();
        return;
      }
      try {
        const tsr = reply(new Uint8Array(Buffer.concat(parts)));
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(tsr));
      } catch {
        res.writeHead(500).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    dir,
    caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    tsaPem: readFileSync(join(dir, 'tsa.pem'), 'utf8'),
    reply,
    url: `http://127.0.0.1:${port}/tsr`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
