import { describe, expect, it } from 'vitest';
import { parseDetectPrefs, scanAllowed, siteOf, withSiteOff } from './prefs';

describe('detection switches', () => {
  it('default to on, with no site off, when nothing or garbage is stored', () => {
    expect(parseDetectPrefs(undefined)).toEqual({ enabled: true, off_sites: [] });
    expect(parseDetectPrefs({ enabled: 'no', off_sites: [1, 'a.org'] })).toEqual({
      enabled: true,
      off_sites: ['a.org'],
    });
    expect(parseDetectPrefs({ enabled: false })).toEqual({ enabled: false, off_sites: [] });
  });
  it('scan http(s) pages only, not when off globally or for the site', () => {
    const on = parseDetectPrefs({});
    expect(siteOf('https://www.Meduza.io/news/1')).toBe('meduza.io');
    expect(scanAllowed(on, 'https://meduza.io/x')).toBe(true);
    expect(scanAllowed(on, 'chrome://settings')).toBe(false);
    expect(scanAllowed({ ...on, enabled: false }, 'https://meduza.io/x')).toBe(false);
    const off = withSiteOff(on, 'meduza.io', true);
    expect(scanAllowed(off, 'https://www.meduza.io/y')).toBe(false);
    expect(scanAllowed(off, 'https://ovd.info/y')).toBe(true);
    expect(withSiteOff(off, 'meduza.io', false).off_sites).toEqual([]);
  });
});
