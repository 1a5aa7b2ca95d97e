import { describe, expect, it } from 'vitest';
import { custodyLine, utcNow, verifyCustodyLines } from './custody';
import { sha256HexSync, ZERO_HASH } from './hash';

// Lines 0 and 1 of items/3f2c7a1e-.../custody.jsonl in shared/spec/fixtures/valid.protokol.zip,
// copied byte for byte: our serialiser must reproduce them exactly.
const ITEM = '3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10';
const LINE0 =
  '{"seq":0,"at":"2026-11-12T08:15:02.120Z","action":"captured","prev":"0000000000000000000000000000000000000000000000000000000000000000","data":{"artifacts":[{"role":"html_snapshot","path":"items/3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10/page.html","sha256":"21a15e9acec32f61b4e76ccf8cf9748e31d5db98a5f45c08632678059f412588"},{"role":"article_text","path":"items/3f2c7a1e-8b4d-4c55-9a1e-0d6b2f7c9e10/article.txt","sha256":"f99417a3214f0cbdbcbf24ae2e6e9590f159ae7d263c4668b5a95da220d7ec11"}]}}';
const LINE1 =
  '{"seq":1,"at":"2026-11-12T08:16:40.000Z","action":"tagged","prev":"47a3f7eb370bde1bf279362f9082e8badf0cda693d1cb1d0bf9f471ca7394de5","data":{"tags":["forced_conscription"]}}';

function chain(n: number): string[] {
  const lines: string[] = [];
  let prev = ZERO_HASH;
  for (let seq = 0; seq < n; seq++) {
    const line = custodyLine({
      seq,
      at: '2026-01-01T00:00:00.000Z',
      action: seq === 0 ? 'captured' : 'noted',
      prev,
      data: seq === 0 ? { artifacts: [] } : { notes: `n${seq}` },
    });
    lines.push(line);
    prev = sha256HexSync(line);
  }
  return lines;
}

describe('custodyLine', () => {
  it('reproduces the spec fixture byte for byte', () => {
    const line0 = custodyLine({
      seq: 0,
      at: '2026-11-12T08:15:02.120Z',
      action: 'captured',
      prev: ZERO_HASH,
      data: {
        artifacts: [
          {
            role: 'html_snapshot',
            path: `items/${ITEM}/page.html`,
            sha256: '21a15e9acec32f61b4e76ccf8cf9748e31d5db98a5f45c08632678059f412588',
          },
          {
            role: 'article_text',
            path: `items/${ITEM}/article.txt`,
            sha256: 'f99417a3214f0cbdbcbf24ae2e6e9590f159ae7d263c4668b5a95da220d7ec11',
          },
        ],
      },
    });
    expect(line0).toBe(LINE0);
    const line1 = custodyLine({
      seq: 1,
      at: '2026-11-12T08:16:40.000Z',
      action: 'tagged',
      prev: sha256HexSync(line0),
      data: { tags: ['forced_conscription'] },
    });
    expect(line1).toBe(LINE1);
    expect(sha256HexSync(LINE0)).toBe(
      '47a3f7eb370bde1bf279362f9082e8badf0cda693d1cb1d0bf9f471ca7394de5',
    );
    expect(verifyCustodyLines([LINE0, LINE1])).toEqual({
      ok: true,
      head: sha256HexSync(LINE1),
      length: 2,
    });
  });
  it('writes the keys in contract order whatever order the input has', () => {
    const line = custodyLine({
      data: { b: 1, a: 2 },
      prev: ZERO_HASH,
      action: 'captured',
      at: '2026-01-01T00:00:00.000Z',
      seq: 0,
    });
    expect(line).toBe(
      '{"seq":0,"at":"2026-01-01T00:00:00.000Z","action":"captured","prev":"' +
        ZERO_HASH +
        '","data":{"b":1,"a":2}}',
    );
    expect(line.endsWith('\n')).toBe(false);
  });
  it('refuses events a verifier would reject', () => {
    const ok = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      action: 'noted',
      prev: 'a'.repeat(64),
      data: {},
    };
    expect(() => custodyLine({ ...ok, seq: -1 })).toThrow(/seq/);
    expect(() => custodyLine({ ...ok, at: '2026-01-01T00:00:00Z' })).toThrow(/time/);
    expect(() => custodyLine({ ...ok, action: 'Tagged!' })).toThrow(/action/);
    expect(() => custodyLine({ ...ok, prev: 'A'.repeat(64) })).toThrow(/prev/);
    expect(() => custodyLine({ ...ok, seq: 0 })).toThrow(/zeros/);
  });
});

describe('verifyCustodyLines', () => {
  it('accepts a good chain and reports its head', () => {
    const lines = chain(4);
    expect(verifyCustodyLines(lines)).toEqual({
      ok: true,
      head: sha256HexSync(lines[3]!),
      length: 4,
    });
  });
  it('detects a rewritten line through the next prev', () => {
    const lines = chain(4);
    lines[1] = lines[1]!.replace('"n1"', '"forged"');
    const r = verifyCustodyLines(lines);
    expect(r).toMatchObject({ ok: false, seq: 2 });
    if (!r.ok) expect(r.reason).toMatch(/prev does not equal the SHA-256 of line 2/);
  });
  it('detects a gap', () => {
    const lines = chain(4);
    lines.splice(2, 1);
    const r = verifyCustodyLines(lines);
    expect(r).toMatchObject({ ok: false, seq: 2 });
    if (!r.ok) expect(r.reason).toMatch(/missing/);
  });
  it('detects a wrong prev', () => {
    const lines = chain(3);
    lines[2] = lines[2]!.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${'1'.repeat(64)}"`);
    expect(verifyCustodyLines(lines)).toMatchObject({ ok: false, seq: 2 });
  });
  it('detects a bad first line', () => {
    const notCaptured = custodyLine({
      seq: 0,
      at: '2026-01-01T00:00:00.000Z',
      action: 'captured',
      prev: ZERO_HASH,
      data: { artifacts: [] },
    }).replace('captured', 'tagged');
    expect(verifyCustodyLines([notCaptured])).toMatchObject({ ok: false, seq: 0 });
    const badPrev = chain(1)[0]!.replace(ZERO_HASH, 'f'.repeat(64));
    expect(verifyCustodyLines([badPrev])).toMatchObject({ ok: false, seq: 0 });
    expect(verifyCustodyLines([])).toMatchObject({ ok: false, seq: 0 });
    expect(verifyCustodyLines(['{not json'])).toMatchObject({
      ok: false,
      seq: 0,
      reason: 'Line 1 (seq 0) is not valid JSON.',
    });
  });
  it('detects a repeated event', () => {
    const lines = chain(3);
    lines.push(lines[2]!);
    expect(verifyCustodyLines(lines)).toMatchObject({ ok: false, seq: 3 });
  });
});

describe('utcNow', () => {
  it('writes UTC with milliseconds and Z', () => {
    expect(utcNow(new Date(Date.UTC(2026, 10, 12, 8, 15, 2, 120)))).toBe(
      '2026-11-12T08:15:02.120Z',
    );
    expect(utcNow()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
