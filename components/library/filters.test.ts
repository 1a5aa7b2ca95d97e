import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, NO_CASE, hasActiveFilters, localDayBoundary, toItemQuery } from './filters';

describe('library filters', () => {
  it('maps an empty filter to an empty query', () => {
    expect(toItemQuery(EMPTY_FILTERS)).toEqual({});
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, text: '   ' })).toBe(false);
  });
  it('distinguishes "all cases" from "no case"', () => {
    expect(toItemQuery({ ...EMPTY_FILTERS, caseId: NO_CASE }).caseId).toBeNull();
    expect(toItemQuery({ ...EMPTY_FILTERS, caseId: 'abc' }).caseId).toBe('abc');
    expect('caseId' in toItemQuery(EMPTY_FILTERS)).toBe(false);
  });
  it('turns local dates into a UTC range that covers whole days', () => {
    const from = localDayBoundary('2026-03-01', false)!;
    const to = localDayBoundary('2026-03-01', true)!;
    expect(new Date(to).getTime() - new Date(from).getTime()).toBe(86_400_000 - 1);
    expect(from).toMatch(/Z$/);
    expect(localDayBoundary('garbage', false)).toBeUndefined();
  });
  it('trims the search text', () => {
    expect(toItemQuery({ ...EMPTY_FILTERS, text: '  в/ч 21005 ' }).text).toBe('в/ч 21005');
  });
});
