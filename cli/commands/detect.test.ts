import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCommand, htmlToText } from './detect';

const dir = mkdtempSync(join(tmpdir(), 'protokol-detect-'));
const RAID =
  'У станции метро «Выхино» 12 марта 2024 года полицейские и сотрудники военкомата задержали около тридцати мужчин. Их увезли в военкомат, где вручили повестки. Одного отправили в в/ч 21005.';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await detectCommand.run(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
  });
  return { code, out, err };
}

describe('protokol detect', () => {
  it('prints the JSON shape for a text file', async () => {
    const file = join(dir, 'raid.txt');
    writeFileSync(file, RAID);
    const r = await cli('--json', file);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['is_violation', 'score', 'lang', 'categories', 'entities']);
    expect(j).toMatchObject({ is_violation: true, lang: 'ru' });
    expect(j.entities).toContainEqual({
      type: 'military_unit',
      text: 'в/ч 21005',
      value: '21005',
      start: RAID.indexOf('в/ч'),
      end: RAID.indexOf('в/ч') + 9,
    });
  });

  it('prints a readable summary without --json', async () => {
    const file = join(dir, 'raid2.txt');
    writeFileSync(file, RAID);
    const r = await cli(file);
    expect(r.out).toMatch(/^Violation: likely/);
    expect(r.out).toContain('military_unit');
  });

  it('reduces HTML to its text first', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(
      file,
      `<!doctype html><html><head><title>x</title><script>var a = "задержали";</script></head><body><p>${RAID}</p></body></html>`,
    );
    expect(
      htmlToText(`<html><body><script>var x = 1</script><p>Текст</p></body></html>`),
    ).not.toContain('var x');
    const r = await cli('--json', file);
    expect(JSON.parse(r.out)).toMatchObject({ is_violation: true });
  });

  it('reads JSONL and writes one result per line; a malformed line is reported and exits 2', async () => {
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ text: RAID })}\n${JSON.stringify({ text: 'ЦСКА обыграл «Спартак» со счётом 3:1.' })}\n{"id": 3}\n`,
    );
    const r = await cli('--jsonl', file);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.is_violation)).toEqual([true, false, undefined]);
    expect(lines[2]).toMatchObject({ line: 3 });
    expect(r.code).toBe(2);
  });

  it('exits 2 on bad usage and unreadable files', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('--lang', 'de', 'x.txt')).code).toBe(2);
    expect((await cli('--frobnicate', 'x.txt')).code).toBe(2);
    const missing = await cli(join(dir, 'missing.txt'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
  });
});
