import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDateShort,
  formatDateTime,
  formatNumber,
  formatPercent,
  pluralForm,
  translate,
} from './index';

// Russian and Ukrainian group thousands with a no-break space and write a decimal comma.
const NBSP = '\u00a0';

describe('locale formatting', () => {
  it('writes numbers the locale’s way', () => {
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatNumber('ru', 1234.5)).toBe(`1${NBSP}234,5`);
    expect(formatNumber('uk', 1234.5)).toBe(`1${NBSP}234,5`);
    expect(formatNumber('ru', 0.125, 1)).toBe('0,1');
  });

  it('writes sizes in binary units with the locale’s separators and unit names', () => {
    expect(formatBytes('en', 1000.5 * 1024)).toBe('1,000.5 KB');
    expect(formatBytes('ru', 1000.5 * 1024)).toBe(`1${NBSP}000,5 КБ`);
    expect(formatBytes('uk', 1.5 * 1024 * 1024)).toBe('1,5 МБ');
    expect(formatBytes('ru', 3 * 1024 * 1024)).toBe('3 МБ');
    expect(formatBytes('en', 512)).toBe('512 B');
    expect(formatBytes('uk', 2 * 1024 ** 4)).toBe('2 ТБ');
  });

  it('writes percentages as each locale does (Russian puts a space before %)', () => {
    expect(formatPercent('en', 0.45)).toBe('45%');
    expect(formatPercent('ru', 0.45)).toBe(`45${NBSP}%`);
    expect(formatPercent('uk', 0.455)).toBe('46%');
  });

  it('formats numeric placeholders in translations, and leaves strings alone', () => {
    expect(translate('ru', 'detScanned', { chars: 12345, ms: 1234 })).toBe(
      `Проверено символов: 12${NBSP}345, за 1${NBSP}234 мс`,
    );
    expect(translate('en', 'detScanned', { chars: 12345, ms: 5 })).toBe(
      '12,345 characters scanned in 5 ms',
    );
    expect(translate('uk', 'errNotCapturable', { url: '12345' })).toContain('12345');
  });

  it('formats dates and times for each locale', () => {
    const iso = '2026-11-12T08:15:02.120Z';
    expect(formatDateTime('en', iso, 'UTC')).toMatch(/Nov 12, 2026.*08:15:02.*UTC/);
    expect(formatDateTime('ru', iso, 'Europe/Moscow')).toMatch(/12 нояб\. 2026.*11:15:02/);
    expect(formatDateTime('uk', iso, 'Europe/Kyiv')).toMatch(/12 лист\. 2026.*10:15:02/);
    expect(formatDateShort('ru', iso, { timeZone: 'UTC', numeric: true })).toBe(
      '12.11.2026, 08:15',
    );
    expect(formatDateShort('en', iso, { timeZone: 'UTC', numeric: true })).toBe(
      '11/12/26, 8:15 AM',
    );
  });

  it('uses Slavic plural forms', () => {
    expect([1, 3, 5, 21].map((n) => pluralForm('uk', n))).toEqual(['one', 'few', 'many', 'one']);
  });
});
