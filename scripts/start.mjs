// `npm start`: build the extension, then open Chromium (or Chrome; CHROME_PATH wins) with it
// loaded, on a persistent profile so the evidence store survives restarts.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureChromium } from './browsers.mjs';

const root = resolve(import.meta.dirname, '..');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const chromium = ensureChromium();
const ext = join(root, '.output', 'chrome-mv3');
const dataHome = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
const profile = process.env.PROTOKOL_PROFILE || join(dataHome, 'protokol', 'chromium-profile');
mkdirSync(profile, { recursive: true });

const args = [
  `--user-data-dir=${profile}`,
  `--load-extension=${ext}`,
  `--disable-extensions-except=${ext}`,
  // Branded Chrome 137+ ignores --load-extension unless this feature is turned off.
  '--disable-features=DisableLoadExtensionCommandLineSwitch',
  '--no-first-run',
  '--no-default-browser-check',
];
if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to start as root otherwise.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.warn(
    'No display found (DISPLAY / WAYLAND_DISPLAY unset): the browser window cannot be shown here.',
  );
}
console.log(`Opening ${chromium}\n  extension: ${ext}\n  profile:   ${profile}`);
// On a new profile the extension opens its library itself (runtime.onInstalled).
const child = spawn(chromium, args, { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
