// `npm test`: typecheck, lint, unit tests, build (Chromium and Firefox; `web-ext lint` on the
// Firefox build), then the e2e tests in real Chromium, then a core of them in Firefox ESR.
// Stops at the first failing step; prints one closing line with the test counts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureChromium, ensureExpertTools, ensureFirefox } from './browsers.mjs';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'e2e', 'out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep = '';
function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0 && !failedStep) failedStep = name;
  return r.status === 0;
}
function count(file) {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  } catch {
    totals.failed += 1; // a runner that wrote no report did not pass
  }
}
function finish(ok) {
  // A failed step that is not a test run (typecheck, lint, build) counts as one failure.
  if (!ok && totals.failed === 0) totals.failed = 1;
  if (failedStep) console.log(`\nFirst failing step: ${failedStep}`);
  console.log(
    `\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
  process.exit(ok && totals.failed === 0 ? 0 : 1);
}

const vitestArgs = (file, extra = []) => [
  'vitest',
  'run',
  ...extra,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${file}`,
];

if (!step('typecheck', 'npx', ['tsc', '--noEmit'])) finish(false);
if (!step('lint', 'npx', ['eslint', '.'])) finish(false);
const unitOk = step('unit tests', 'npx', vitestArgs(join(out, 'unit.json')));
count(join(out, 'unit.json'));
if (!unitOk) finish(false);
if (!step('build', 'npx', ['wxt', 'build'])) finish(false);
if (!step('build (e2e mode)', 'npx', ['wxt', 'build', '--mode', 'e2e'])) finish(false);
if (!step('build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox'])) finish(false);
// Warnings (bundled libraries' innerHTML / Function) are listed; any error fails the step.
if (
  !step('web-ext lint (Firefox build)', 'npx', [
    'web-ext',
    'lint',
    '--source-dir',
    join('.output', 'firefox-mv3'),
    '--no-config-discovery',
  ])
)
  finish(false);
if (!step('build (Firefox, e2e mode)', 'npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e']))
  finish(false);
const chromium = ensureChromium();
ensureExpertTools();
const e2eOk = step(
  'e2e tests (Chromium)',
  'npx',
  vitestArgs(join(out, 'e2e.json'), ['--config', 'vitest.e2e.config.ts']),
  {
    CHROME_PATH: chromium,
  },
);
count(join(out, 'e2e.json'));
if (!e2eOk) finish(false);

// The same test files in Firefox ESR for the core paths (articles, t.me/s and web client posts, the
// library, export and verification, tampered packs), plus Firefox-only files: the TLS record, a
// Chromium pack in Firefox's verifier, a direct video. The rest checks Chromium-only machinery
// (worker restarts over CDP, MHTML, offscreen thumbnails).
const FIREFOX_CORE = [
  'e2e/capture.e2e.ts',
  'e2e/packs.e2e.ts',
  'e2e/telegram.e2e.ts',
  'e2e/tls-firefox.e2e.ts',
  'e2e/cross-browser-firefox.e2e.ts', // a pack made in Chromium, checked in Firefox's verifier
  'e2e/media-firefox.e2e.ts', // a direct video (no thumbnails there: no offscreen documents)
];
const firefox = ensureFirefox();
const ffOk = step(
  'e2e tests (Firefox ESR)',
  'npx',
  vitestArgs(join(out, 'e2e-firefox.json'), ['--config', 'vitest.e2e.config.ts', ...FIREFOX_CORE]),
  { PROTOKOL_BROWSER: 'firefox', FIREFOX_PATH: firefox, CHROME_PATH: chromium },
);
count(join(out, 'e2e-firefox.json'));
finish(ffOk);
