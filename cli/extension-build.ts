/**
 * The built extension the CLI loads: the production build in its own mode (`wxt build --mode
 * cli`, folder chrome-mv3-cli), rebuilt first when it is missing or older than the sources. It
 * differs from the build users install in one line: it has access to all sites at install,
 * because the batch CLI opens and captures pages without a click (the installed extension
 * captures under activeTab, which only a click, the page menu or the shortcut grants). It runs
 * only in the CLI's own profile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const EXT_DIR = join(ROOT, '.output', 'chrome-mv3-cli');
const SOURCES = [
  'entrypoints',
  'components',
  'utils',
  'lib',
  'public',
  'wxt.config.ts',
  'package.json',
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path))
    if (!e.endsWith('.test.ts')) m = Math.max(m, newest(join(path, e)));
  return m;
}

/** Build when needed; returns the folder to load, or throws with the build's output. */
export function ensureExtensionBuilt(log: (s: string) => void): string {
  const manifest = join(EXT_DIR, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const src = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (built >= src) return EXT_DIR;
  log('Building the extension (wxt build --mode cli)…\n');
  const r = spawnSync('npx', ['wxt', 'build', '--mode', 'cli'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the extension build failed:\n${r.stdout}\n${r.stderr}`);
  return EXT_DIR;
}
