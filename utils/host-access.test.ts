import { describe, expect, it } from 'vitest';
import { sitePattern, sitePatterns } from './host-access';

describe('sitePattern', () => {
  it('covers the whole site, every port and path', () => {
    expect(sitePattern('https://cdn.example.org:8443/v/a.mp4?x=1#t')).toBe(
      'https://cdn.example.org/*',
    );
    expect(sitePattern('http://article.test:4321/')).toBe('http://article.test/*');
  });
  it('keeps IPv6 hosts in brackets', () => {
    expect(sitePattern('http://[::1]:8080/a')).toBe('http://[::1]/*');
  });
  it('needs nothing for URLs that are not http(s), and refuses junk', () => {
    expect(sitePattern('blob:https://example.org/1234')).toBeNull();
    expect(sitePattern('data:text/plain,hi')).toBeNull();
    expect(sitePattern('not a url')).toBeNull();
  });
  it('lists each site once', () => {
    expect(
      sitePatterns(['https://a.test/1', 'https://a.test:9/2', 'blob:x', 'http://a.test/3']),
    ).toEqual(['https://a.test/*', 'http://a.test/*']);
  });
});
