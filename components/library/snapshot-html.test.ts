import { describe, expect, it } from 'vitest';
import { SNAPSHOT_CSP, confineSnapshot } from './snapshot-html';

describe('confineSnapshot', () => {
  it('puts the policy right after the doctype', () => {
    const out = confineSnapshot(
      '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://x.test/a.css">',
    );
    expect(out.startsWith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('x.test'));
  });
  it('puts the policy first when there is no doctype', () => {
    expect(confineSnapshot('<p><img src="https://x.test/p.jpg">').startsWith('<meta')).toBe(true);
  });
  it('allows no network source', () => {
    expect(SNAPSHOT_CSP).toContain("default-src 'none'");
    expect(SNAPSHOT_CSP).not.toMatch(/https?:|\*/);
  });
});
