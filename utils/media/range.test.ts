import { describe, expect, it } from 'vitest';
import { chunksFor, parseRange } from './range';

describe('stored media ranges', () => {
  it('parses the forms a media element sends', () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
  });
  it('refuses ranges outside the file and multi-ranges', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
  it('finds the chunks that cover a range, across a chunk boundary', () => {
    expect(chunksFor({ start: 8, end: 21 }, 10)).toEqual([
      { index: 0, from: 8, to: 10 },
      { index: 1, from: 0, to: 10 },
      { index: 2, from: 0, to: 2 },
    ]);
    expect(chunksFor({ start: 0, end: 9 }, 10)).toEqual([{ index: 0, from: 0, to: 10 }]);
  });
});
