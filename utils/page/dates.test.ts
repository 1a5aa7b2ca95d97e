import { describe, expect, it } from 'vitest';
import { toUtcInstant } from './dates';

describe('toUtcInstant', () => {
  it('converts instants with offsets to UTC with milliseconds', () => {
    expect(toUtcInstant('2025-03-04T10:00:00+02:00')).toBe('2025-03-04T08:00:00.000Z');
    expect(toUtcInstant('2025-02-11T09:30:00+0300')).toBe('2025-02-11T06:30:00.000Z');
    expect(toUtcInstant('2025-02-11 09:30+03')).toBe('2025-02-11T06:30:00.000Z');
    expect(toUtcInstant('2025-02-11T09:30:00.5Z')).toBe('2025-02-11T09:30:00.500Z');
    expect(toUtcInstant('Tue, 11 Feb 2025 09:30:00 +0300')).toBe('2025-02-11T06:30:00.000Z');
    expect(toUtcInstant('1739255400')).toBe('2025-02-11T06:30:00.000Z');
  });

  it('refuses dates that name no instant rather than guessing a zone', () => {
    expect(toUtcInstant('2025-02-11T09:30:00')).toBeUndefined();
    expect(toUtcInstant('2025-02-11')).toBeUndefined();
    expect(toUtcInstant('11 февраля 2025')).toBeUndefined();
  });

  it('refuses impossible and empty dates', () => {
    expect(toUtcInstant('2025-13-01T00:00:00Z')).toBeUndefined();
    expect(toUtcInstant('2025-02-11T25:00:00Z')).toBeUndefined();
    expect(toUtcInstant('')).toBeUndefined();
    expect(toUtcInstant(undefined)).toBeUndefined();
  });
});
