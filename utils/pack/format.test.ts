import { describe, expect, it } from 'vitest';
import { caseSlug, packFileName } from './file-name';
import { compareUtf8, entryNameProblem } from './names';
import { ed25519SpkiProblem, parseSignerPem, toPem } from './pem';
import { esc, buildReportHtml } from './report';
import { buildSha256Sums, parseSha256Sums } from './sums';
import { buildVerifyText, plainLine } from './verify-text';

describe('pack file name', () => {
  it('is <slug>-<yyyymmddThhmmssZ>.protokol.zip, ASCII, with Cyrillic transliterated', () => {
    const d = new Date('2026-11-22T10:05:09.123Z');
    expect(packFileName(null, d)).toBe('protokol-20261122T100509Z.protokol.zip');
    expect(packFileName('Задержания в Москве', d)).toBe(
      'zaderzhaniya-v-moskve-20261122T100509Z.protokol.zip',
    );
    expect(caseSlug('Мобілізація: Київ, ґанок')).toBe('mobilizatsiya-kiyiv-ganok');
    expect(caseSlug('Café Ünïcode / 2026')).toBe('cafe-unicode-2026');
    expect(caseSlug('★★★')).toBe('case');
    expect(caseSlug('a'.repeat(200))).toHaveLength(60);
  });
});

describe('entry names', () => {
  it('follows the spec rules', () => {
    expect(entryNameProblem('items/x/page.html')).toBeUndefined();
    expect(entryNameProblem('items/')).toBeUndefined();
    for (const bad of ['', '/abs', 'a\\b', 'a/../b', '..', 'a/..', 'x'.repeat(256), 'a\0b'])
      expect(entryNameProblem(bad), bad).toBeDefined();
    expect(entryNameProblem('я'.repeat(127))).toBeUndefined(); // 254 bytes
    expect(entryNameProblem('я'.repeat(128))).toMatch(/256 bytes/);
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 ...) by bytes, after it by UTF-16.
    expect(['😀', '～'].sort(compareUtf8)).toEqual(['～', '😀']);
    expect(['b', 'B', 'a', 'VERIFY.txt', 'items/x'].sort(compareUtf8)).toEqual([
      'B',
      'VERIFY.txt',
      'a',
      'b',
      'items/x',
    ]);
  });
});

describe('SHA256SUMS', () => {
  const h = 'ab'.repeat(32);
  it('writes and reads GNU sha256sum text, sorted, escaping odd names', () => {
    const text = buildSha256Sums([
      { path: 'report.html', sha256: h },
      { path: 'VERIFY.txt', sha256: h },
      { path: 'a\\b', sha256: h },
    ]);
    expect(text).toBe(`${h}  VERIFY.txt\n\\${h}  a\\\\b\n${h}  report.html\n`);
    const back = parseSha256Sums(text);
    expect(back.problems).toEqual([]);
    expect([...back.entries.keys()]).toEqual(['VERIFY.txt', 'a\\b', 'report.html']);
  });

  it('reports malformed and duplicate lines', () => {
    const p = parseSha256Sums(`${h}  a\n${h.toUpperCase()}  b\n${h} *c\n${h}  a\n\n`);
    expect(p.problems.map((x) => x.line)).toEqual([2, 3, 4, 5]);
  });
});

describe('signer.pem', () => {
  it('round-trips an Ed25519 SPKI and refuses anything else', async () => {
    const k = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign']);
    const der = new Uint8Array(await crypto.subtle.exportKey('spki', k.publicKey));
    const pem = toPem('PUBLIC KEY', der);
    expect(pem).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/,
    );
    expect(parseSignerPem(pem)).toEqual({ der });
    expect(parseSignerPem('nothing')).toEqual({ problem: 'signer.pem has no PUBLIC KEY block' });
    expect(parseSignerPem(pem + pem)).toMatchObject({
      problem: expect.stringMatching(/more than one/) as unknown,
    });
    expect(ed25519SpkiProblem(new Uint8Array([...der, 0]))).toMatch(/bytes after/);
    expect(ed25519SpkiProblem(der.slice(0, 20))).toBeDefined();
  });
});

describe('report.html and VERIFY.txt', () => {
  it('escapes markup and strips terminal control characters', () => {
    expect(esc(`<img src=x onerror="alert('1')">&`)).toBe(
      '&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;',
    );
    expect(plainLine('evil\u001b[31mred\u202etxt.exe')).toBe('evil [31mred txt.exe');
  });

  it('a hostile item cannot inject markup or remote loads into the report', () => {
    const html = buildReportHtml({
      locale: 'uk',
      packId: 'p',
      createdAt: '2026-11-22T10:00:00.000Z',
      generator: { name: 'protokol', version: '0', user_agent: '<ua>' },
      signer: { keyId: 'k' },
      case: null,
      items: [
        {
          fields: {
            id: 'i',
            kind: 'page',
            url: 'javascript:alert(1)',
            title: '</title><script src="https://evil.example/x.js"></script>',
            captured_at: 't',
            source: { '<k>': '<v>' },
            environment: {},
            artifacts: [],
            custody_head: 'h',
            detection: null,
            tags: ['<t>'],
            notes: '<iframe src="//evil.example">',
          },
          files: [
            {
              path: 'items/i/screenshot.png" onerror="x',
              role: 'screenshot',
              sha256: 'h',
              size: 1,
              media_type: 'image/png',
            },
          ],
          custody: [
            '{"seq":0,"at":"t","action":"captured","prev":"0","data":{"x":"<b>"}}',
            'not json',
          ],
        },
      ],
    });
    expect(html).not.toMatch(/<script|<iframe|onerror="|href=/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Журнал зберігання');
  });

  it('VERIFY.txt carries the spec commands in English and Russian', () => {
    const t = buildVerifyText({
      fileName: 'p.protokol.zip',
      packId: 'p',
      createdAt: 'c',
      keyId: 'k',
      items: [{ id: 'i', title: 'T' }],
      timestamped: true,
    });
    for (const cmd of [
      'openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in manifest.json -sigfile manifest.sig',
      'openssl pkey -pubin -in signer.pem -outform DER | sha256sum',
      'sha256sum -c SHA256SUMS',
      'openssl ts -verify -data manifest.json -in manifest.tsr -CAfile tsa-chain.pem',
    ]) {
      expect(t.split(cmd).length - 1, cmd).toBeGreaterThanOrEqual(2);
    }
    expect(t).toContain('КАК ПРОВЕРИТЬ');
    expect(t).toContain('custody_head');
  });
});
