import { describe, expect, it } from 'vitest';
import { bandLines, displayUrl, formatLocal, formatUtc, wrapText } from './band';

const mono = (s: string) => Array.from(s).length; // one unit per character

describe('the full-page band text', () => {
  it('prints the time in UTC and in the named local zone with its offset', () => {
    const at = '2026-11-25T18:03:12.345Z';
    expect(formatUtc(at)).toBe('2026-11-25 18:03:12.345 UTC');
    expect(formatLocal(at, 'Europe/Moscow')).toBe(
      '2026-11-25 21:03:12.345 Europe/Moscow (GMT+03:00)',
    );
    expect(formatLocal(at, 'America/New_York')).toBe(
      '2026-11-25 13:03:12.345 America/New_York (GMT-05:00)',
    );
    expect(formatLocal(at, 'UTC')).toBe('2026-11-25 18:03:12.345 UTC (GMT+00:00)');
    // Summer time is the zone's rule on that date, not today's.
    expect(formatLocal('2026-07-01T12:00:00.000Z', 'Europe/Kyiv')).toMatch(
      /15:00:00.* \(GMT\+03:00\)$/,
    );
    expect(formatLocal(at, 'Not/AZone')).toMatch(/unknown zone/);
  });

  it('shows non-Latin URLs as letters and keeps broken escapes as they are', () => {
    expect(displayUrl('https://example.org/%D0%BE%D0%B1%D0%BB%D0%B0%D0%B2%D0%B0')).toBe(
      'https://example.org/облава',
    );
    expect(displayUrl('https://example.org/%E0%A4%A')).toBe('https://example.org/%E0%A4%A');
  });

  it('wraps a long URL at its separators and elides what does not fit', () => {
    const url = 'https://example.org/news/2026/11/25/a-very-long-article-name?utm=1&x=2';
    const lines = wrapText(url, 20, mono, 10);
    expect(lines.join('')).toBe(url);
    for (const l of lines) expect(mono(l)).toBeLessThanOrEqual(20);
    expect(lines[0]).toBe('https://example.org/');
    const cut = wrapText(url, 20, mono, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
    expect(mono(cut[1]!)).toBeLessThanOrEqual(20);
    // A word longer than the line is broken anywhere; emoji are not split in half.
    expect(wrapText('😀'.repeat(5), 2, mono, 5)).toEqual(['😀😀', '😀😀', '😀']);
  });

  it('puts time, URL and the note on lines that fit', () => {
    const lines = bandLines(
      { capturedLabel: 'Captured', urlLabel: 'URL', note: 'Cut at 16,384 px' },
      '2026-11-25T18:03:12.345Z',
      'Europe/Kyiv',
      'https://example.org/%D1%84',
      60,
      mono,
    );
    expect(lines.join('\n')).toContain('18:03:12.345 UTC');
    expect(lines.join('')).toContain('20:03:12.345 Europe/Kyiv (GMT+02:00)');
    expect(lines.join('')).toContain('URL: https://example.org/ф');
    expect(lines.at(-1)).toBe('Cut at 16,384 px');
    for (const l of lines) expect(mono(l)).toBeLessThanOrEqual(60);
  });
});
