/**
 * Every permission a build's manifest asks for has its row in README "Permissions and why", and
 * every row names a permission some build asks for. A permission added to wxt.config.ts without
 * saying why fails here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type Manifest = Record<string, unknown>;
const root = resolve(import.meta.dirname, '..', '..');

function manifestOf(browser: string, mode: string): Manifest {
  const m = config.manifest;
  if (typeof m !== 'function')
    throw new Error('wxt.config.ts: manifest is expected to be a function');
  return (m as (env: { browser: string; mode: string; manifestVersion: number }) => Manifest)({
    browser,
    mode,
    manifestVersion: 3,
  });
}

/** What a manifest asks for: API permissions and host patterns, install-time or optional. */
function asked(m: Manifest): string[] {
  const keys = [
    'permissions',
    'optional_permissions',
    'host_permissions',
    'optional_host_permissions',
  ];
  return keys.flatMap((k) => (m[k] as string[] | undefined) ?? []);
}

/** The backticked names in the first column of the README's permissions table. */
function readmeRows(): Set<string> {
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const start = readme.indexOf('## Permissions and why');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error('README has no "Permissions and why" section');
  const rows = readme
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1); // the header
  const names = new Set<string>();
  for (const row of rows) {
    const first = row.split('|')[1] ?? '';
    for (const m of first.matchAll(/`([^`]+)`/g)) names.add(m[1]!);
  }
  return names;
}

const BUILDS = [
  ['chrome', 'production'],
  ['chrome', 'cli'],
  ['chrome', 'e2e'],
  ['firefox', 'production'],
] as const;

describe('README documents every permission', () => {
  const rows = readmeRows();

  it.each(BUILDS)('%s build, mode %s: each permission has its row', (browser, mode) => {
    const missing = asked(manifestOf(browser, mode)).filter((p) => !rows.has(p));
    expect(missing, 'permissions without a row in README "Permissions and why"').toEqual([]);
  });

  it('each row names a permission some build asks for', () => {
    const all = new Set(BUILDS.flatMap(([b, m]) => asked(manifestOf(b, m))));
    expect([...rows].filter((r) => !all.has(r))).toEqual([]);
  });

  it('the build users install asks for no host access at install', () => {
    for (const browser of ['chrome', 'firefox']) {
      const m = manifestOf(browser, 'production');
      expect(m.host_permissions).toBeUndefined();
      expect(m.content_scripts).toBeUndefined();
      expect(m.web_accessible_resources).toBeUndefined();
      expect(m.externally_connectable).toBeUndefined();
      expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    }
  });
});
