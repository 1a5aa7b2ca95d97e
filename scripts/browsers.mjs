// Finding (and on Debian/Ubuntu as root, installing) the browser the extension runs in.
// Shared by `npm start`, `npm test` and the e2e harness. CHROME_PATH always wins.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The Chromium or Chrome to use, or null. */
export function findChromium() {
  if (process.env.CHROME_PATH)
    return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

function isDebianLike() {
  return existsSync('/etc/debian_version');
}

/**
 * Return a Chromium path, installing Debian's `chromium` package when none is found on a
 * Debian/Ubuntu machine where we are root. Otherwise exit with a message naming what to install:
 * the tests never skip the real-browser part silently.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there.`);
    process.exit(1);
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isDebianLike() && root) {
    console.log('No Chromium found: installing Debian’s "chromium" package (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
    if (
      run(['update', '-qq']) &&
      (run(['install', '-y', '-qq', 'chromium']) ||
        run(['install', '-y', '-qq', 'chromium-browser']))
    ) {
      const now = findChromium();
      if (now) return now;
    }
    console.error('Installing Chromium with apt-get failed; see the messages above.');
    process.exit(1);
  }
  console.error(
    'No Chromium or Chrome was found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; ' +
      'macOS: Chromium or Google Chrome), or set CHROME_PATH to its executable, then run the command again.',
  );
  process.exit(1);
}

/** True when `cmd` is on the PATH. */
export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The tools a court expert uses, which the pack tests run for real: unzip, openssl, sha256sum.
 * Installed from Debian's packages when missing on a Debian/Ubuntu machine where we are root.
 */
export function ensureExpertTools() {
  const need = { unzip: 'unzip', openssl: 'openssl', sha256sum: 'coreutils' };
  const missing = Object.keys(need).filter((c) => !hasCommand(c));
  if (missing.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isDebianLike() && root) {
    const pkgs = [...new Set(missing.map((c) => need[c]))];
    console.log(`Installing ${pkgs.join(', ')} (apt-get) for the pack tests…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (
      spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env }).status ===
      0
    )
      return;
  }
  console.error(
    `The pack tests need ${missing.join(', ')}; install them and run the command again.`,
  );
  process.exit(1);
}

const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

/** The Firefox (ESR) to use, or null. FIREFOX_PATH always wins. */
export function findFirefox() {
  if (process.env.FIREFOX_PATH)
    return existsSync(process.env.FIREFOX_PATH) ? process.env.FIREFOX_PATH : null;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Return a Firefox path, installing Debian's `firefox-esr` when none is found on a Debian/Ubuntu
 * machine where we are root; also `certutil` (libnss3-tools), which the TLS test uses to make
 * the test profile trust its own CA. Otherwise exit with a message naming what to install.
 */
export function ensureFirefox() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  const need = [];
  if (!findFirefox() && !process.env.FIREFOX_PATH) need.push('firefox-esr');
  if (!hasCommand('certutil')) need.push('libnss3-tools');
  if (need.length && isDebianLike() && root) {
    console.log(`Installing ${need.join(', ')} (apt-get) for the Firefox e2e tests…`);
    if (!(run(['update', '-qq']) && run(['install', '-y', '-qq', ...need])))
      console.error('Installing with apt-get failed; see the messages above.');
  }
  const found = findFirefox();
  if (found && hasCommand('certutil')) return found;
  console.error(
    found
      ? 'The Firefox TLS test needs certutil (Debian/Ubuntu: `sudo apt-get install libnss3-tools`; macOS: `brew install nss`).'
      : process.env.FIREFOX_PATH
        ? `FIREFOX_PATH is set to ${process.env.FIREFOX_PATH}, but no file is there.`
        : 'No Firefox was found. Install Firefox ESR (Debian/Ubuntu: `sudo apt-get install firefox-esr`), or set FIREFOX_PATH to its executable, then run the command again.',
  );
  process.exit(1);
}
