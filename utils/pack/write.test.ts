import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PackExportError } from './errors';
import { verifyPack } from './verify';
import { writePack } from './write';
import {
  makeSigner,
  memoryInput,
  memoryItem,
  memorySink,
  memorySource,
  unzipAll,
} from './test-support';

const ID = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';
const ID2 = '9b1d2c3e-4f50-4a6b-8c7d-0e1f2a3b4c5d';
const enc = new TextEncoder();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'protokol-pack-'));
  dirs.push(d);
  return d;
}

function sh(cmd: string, args: string[], cwd: string): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function items() {
  const png = crypto.getRandomValues(new Uint8Array(40_000));
  return [
    memoryItem(ID, [
      {
        name: 'page.html',
        role: 'html_snapshot',
        media_type: 'text/html',
        bytes: enc.encode('<p>Задержаны трое</p>'.repeat(500)),
      },
      { name: 'screenshot.png', role: 'screenshot', media_type: 'image/png', bytes: png },
    ]),
    memoryItem(
      ID2,
      [
        {
          name: 'article.txt',
          role: 'article_text',
          media_type: 'text/plain',
          bytes: enc.encode('text'),
        },
      ],
      'Second',
    ),
  ];
}

async function buildPack(opts: Parameters<typeof writePack>[3] = {}) {
  const signer = await makeSigner('monitor-7');
  const input = memoryInput(items());
  const { sink, bytes, state } = memorySink();
  const result = await writePack(input, sink, signer, {
    now: () => new Date('2026-11-22T10:00:00.000Z'),
    ...opts,
  });
  return { signer, input, result, zip: bytes(), state };
}

describe('writePack round trip', () => {
  it('writes a pack our verifier accepts, with the exported event at the end of each log', async () => {
    const { result, zip, state, signer, input } = await buildPack();
    expect(state).toEqual({ closed: true, aborted: false });
    expect(result).toMatchObject({
      file_name: 'delo-no1-zaderzhaniya-20261122T100000Z.protokol.zip',
      key_id: signer.keyId,
      items: 2,
      files: 7,
      bytes: zip.length,
    });
    const r = await verifyPack(memorySource(zip));
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.status).toBe('valid');
    expect(r.signer).toEqual({ key_id: signer.keyId, label: 'monitor-7' });
    const entries = await unzipAll(zip);
    const log = new TextDecoder().decode(entries.get(`items/${ID}/custody.jsonl`));
    const last = JSON.parse(log.trimEnd().split('\n').pop() ?? '') as {
      action: string;
      data: { pack_id: string };
    };
    expect(last).toMatchObject({ action: 'exported', data: { pack_id: result.pack_id } });
    expect(input.logs.get(ID)?.length).toBe(3);
    const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as {
      files: Array<{ path: string }>;
    };
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect([...entries.keys()].slice(0, 4)).toEqual([
      'manifest.json',
      'manifest.sig',
      'signer.pem',
      'SHA256SUMS',
    ]);
  });

  it("passes the spec's by-hand commands: openssl pkeyutl, openssl pkey | sha256sum, sha256sum -c, unzip -t", async () => {
    const { zip, signer } = await buildPack();
    const dir = tmp();
    writeFileSync(join(dir, 'pack.zip'), zip);
    expect(sh('unzip', ['-t', 'pack.zip'], dir).code).toBe(0);
    expect(sh('unzip', ['-q', 'pack.zip', '-d', 'pack'], dir).code).toBe(0);
    const pack = join(dir, 'pack');
    const sig = sh(
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
      pack,
    );
    expect(sig.out).toContain('Signature Verified Successfully');
    expect(sig.code).toBe(0);
    const keyId = spawnSync(
      'sh',
      ['-c', 'openssl pkey -pubin -in signer.pem -outform DER | sha256sum'],
      { cwd: pack, encoding: 'utf8' },
    ).stdout;
    expect(keyId.split(' ')[0]).toBe(signer.keyId);
    const sums = sh('sha256sum', ['-c', '--strict', 'SHA256SUMS'], pack);
    expect(sums.code).toBe(0);
    expect(sums.out.match(/: OK$/gm)?.length).toBe(7);
    // The custody commands VERIFY.txt gives: the tail line hashes to custody_head.
    const head = spawnSync(
      'sh',
      ['-c', `tail -n 1 items/${ID}/custody.jsonl | tr -d '\\n' | sha256sum`],
      { cwd: pack, encoding: 'utf8' },
    ).stdout.split(' ')[0];
    expect(readFileSync(join(pack, 'manifest.json'), 'utf8')).toContain(
      `"custody_head": "${head}"`,
    );
    expect(readFileSync(join(pack, 'VERIFY.txt'), 'utf8')).toContain(
      'openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in manifest.json -sigfile manifest.sig',
    );
  });

  it('escapes page-derived text in report.html and loads nothing remote', async () => {
    const { zip } = await buildPack({ locale: 'ru' });
    const html = new TextDecoder().decode((await unzipAll(zip)).get('report.html'));
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain(`<img src="items/${ID}/screenshot.png"`);
    expect(html).toContain('Журнал хранения');
    expect(html).toContain('в/ч 21005');
  });
});

describe('writePack refusals', () => {
  it('refuses when stored bytes no longer match the capture hash, naming item and path, writing nothing', async () => {
    const signer = await makeSigner();
    const list = items();
    const victim = list[0]?.artifacts[0];
    if (!victim) throw new Error('fixture');
    victim.open = async function* () {
      yield enc.encode('<p>altered</p>');
    };
    const input = memoryInput(list);
    const { sink, bytes, state } = memorySink();
    const err = await writePack(input, sink, signer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackExportError);
    const e = err as PackExportError;
    expect(e.code).toBe('artifact-mismatch');
    expect(e.message).toContain(`item ${ID}`);
    expect(e.message).toContain(`items/${ID}/page.html`);
    expect(e.problems).toEqual([
      expect.objectContaining({ item: ID, path: `items/${ID}/page.html` }),
    ]);
    expect(e.custodyAppended).toBe(false);
    expect(bytes().length).toBe(0);
    expect(state.aborted).toBe(true);
    expect(input.logs.get(ID)?.length).toBe(2);
  });

  it('writes no pack and appends no custody event when the signer throws', async () => {
    const signer = { ...(await makeSigner()), sign: () => Promise.reject(new Error('key locked')) };
    const input = memoryInput(items());
    const { sink, bytes, state } = memorySink();
    const err = await writePack(input, sink, signer).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'signer', custodyAppended: false });
    expect(bytes().length).toBe(0);
    expect(state.aborted).toBe(true);
    expect(input.logs.get(ID)?.length).toBe(2);
  });

  it('writes no pack when signing fails after the custody events (and says so)', async () => {
    const real = await makeSigner();
    let calls = 0;
    const signer = {
      ...real,
      sign: (b: Uint8Array) =>
        ++calls === 1 ? real.sign(b) : Promise.reject(new Error('token removed')),
    };
    const { sink, bytes, state } = memorySink();
    const err = await writePack(memoryInput(items()), sink, signer).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'signer', custodyAppended: true });
    expect(bytes().length).toBe(0);
    expect(state.aborted).toBe(true);
  });

  it('refuses a signer whose public key does not match its private key', async () => {
    const a = await makeSigner();
    const b = await makeSigner();
    const { sink, state } = memorySink();
    await expect(
      writePack(memoryInput(items()), sink, { ...a, sign: b.sign }),
    ).rejects.toMatchObject({ code: 'signer' });
    expect(state.aborted).toBe(true);
  });

  it('aborts the sink when an artifact changes between the pre-pass and the write', async () => {
    const list = items();
    const art = list[1]?.artifacts[0];
    if (!art) throw new Error('fixture');
    let opened = 0;
    const good = art.open;
    art.open = () =>
      ++opened === 1
        ? good()
        : (async function* () {
            yield enc.encode('TEXT');
          })();
    const { sink, state } = memorySink();
    const err = await writePack(memoryInput(list), sink, await makeSigner()).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'artifact-mismatch', custodyAppended: true });
    expect((err as Error).message).toContain(`items/${ID2}/article.txt`);
    expect(state).toEqual({ closed: false, aborted: true });
  });

  it('reports a sink that fails mid-write as a write error', async () => {
    let written = 0;
    const sink = new WritableStream<Uint8Array>({
      write: (c) => {
        written += c.length;
        if (written > 20_000) throw new Error('disk full');
      },
    });
    const err = await writePack(memoryInput(items()), sink, await makeSigner()).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'write', custodyAppended: true });
    expect((err as Error).message).toContain('disk full');
  });

  it('refuses unsafe artifact paths and broken stored custody logs', async () => {
    const list = items();
    const ref = list[1]?.fields.artifacts[0];
    const art = list[1]?.artifacts[0];
    if (!ref || !art) throw new Error('fixture');
    ref.path = art.path = `items/${ID2}/../../x`;
    list[0]?.custody.splice(
      1,
      1,
      list[0].custody[1]?.replace('arbitrary_detention', 'other') ?? '',
    );
    const { sink } = memorySink();
    const err = (await writePack(memoryInput(list), sink, await makeSigner()).catch(
      (e: unknown) => e,
    )) as PackExportError;
    expect(err.code).toBe('invalid-input');
    expect(err.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ item: ID2, path: `items/${ID2}/../../x` }),
        expect.objectContaining({ item: ID, path: `items/${ID}/custody.jsonl` }),
      ]),
    );
  });
});
