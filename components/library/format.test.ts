import { describe, expect, it } from 'vitest';
import { formatDateTime } from '@/utils/i18n';
import { abbreviateHash, formatShort, hostOf, isWebUrl, pluralForm } from './format';

describe('library formatting', () => {
  it('formats times (full ones with the zone named) in every locale', () => {
    for (const l of ['en', 'ru', 'uk'] as const) {
      expect(formatDateTime(l, '2026-11-23T06:40:00.000Z', 'UTC')).toMatch(/UTC/);
      expect(formatShort(l, '2026-11-23T06:40:00.000Z', { timeZone: 'UTC' })).toMatch(/6:40|06:40/);
    }
    expect(formatDateTime('ru', '2026-11-23T06:40:00.000Z', 'Europe/Vilnius')).toContain(
      '08:40:00',
    );
  });
  it('uses Slavic plural forms', () => {
    expect([1, 3, 5, 21].map((n) => pluralForm('ru', n))).toEqual(['one', 'few', 'many', 'one']);
    expect(pluralForm('en', 5)).toBe('other');
  });
  it('shortens hosts and hashes', () => {
    expect(hostOf('https://www.example.org/a')).toBe('example.org');
    expect(hostOf('not a url')).toBe('not a url');
    expect(abbreviateHash('a'.repeat(64))).toBe('aaaaaaaa…aaaaaaaa');
  });
  it('links only web URLs', () => {
    expect(isWebUrl('https://t.me/s/x/1')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('not a url')).toBe(false);
  });
});
