/**
 * A headless Chromium with the built extension on a persistent profile, and the library page
 * the CLI drives (its `protokolAutomation` surface; see components/library/automation.ts).
 */
import { mkdirSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium } from '../scripts/browsers.mjs';

export interface Session {
  ctx: BrowserContext;
  extensionId: string;
  /** The library page, ready for automation. */
  control: Page;
  close(): Promise<void>;
}

export function browserPath(explicit?: string): string | null {
  return explicit ?? findChromium();
}

export async function openSession(opts: {
  profile: string;
  ext: string;
  browser: string;
  browserArgs: string[];
  /** Let the caller handle Ctrl-C and termination (default: Playwright closes the browser). */
  ownSignals?: boolean;
}): Promise<Session> {
  mkdirSync(opts.profile, { recursive: true });
  const ctx = await chromium.launchPersistentContext(opts.profile, {
    executablePath: opts.browser,
    headless: true,
    viewport: null,
    acceptDownloads: true,
    ...(opts.ownSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
    args: [
      `--disable-extensions-except=${opts.ext}`,
      `--load-extension=${opts.ext}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--window-size=1280,800',
      ...opts.browserArgs,
    ],
  });
  try {
    const sw =
      ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extensionId = new URL(sw.url()).host;
    const control = await ctx.newPage();
    await control.goto(`chrome-extension://${extensionId}/library.html`);
    await control.waitForFunction(() => 'protokolAutomation' in globalThis);
    return { ctx, extensionId, control, close: () => ctx.close().catch(() => undefined) };
  } catch (e) {
    await ctx.close().catch(() => undefined);
    throw e;
  }
}
