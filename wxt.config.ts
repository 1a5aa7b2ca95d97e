import { defineConfig } from 'wxt';

// E2E builds (`--mode e2e`) compile in a test-only hook page; release builds never contain it.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports from '#imports' keep every dependency visible to readers and to ESLint.
  imports: false,
  manifestVersion: 3,
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'activeTab',
      'scripting',
      'storage',
      'contextMenus',
      'unlimitedStorage',
      'alarms',
      // MHTML of each captured page (chrome.pageCapture), and a hidden document that draws
      // thumbnails from a stored video (decoding needs a DOM); Firefox has neither API.
      ...(browser === 'firefox' ? [] : ['pageCapture', 'offscreen']),
      // The panic wipe removes the extension origin's IndexedDB directory from the disk
      // (deleting the databases leaves old values in LevelDB files: docs/vault-design.md §6).
      ...(browser === 'firefox' ? [] : ['browsingData']),
    ],
    // Host access lets the extension fetch the page again "as served" (with the page's
    // cookies), inject the capture script when a capture is started without a click (batch CLI),
    // and take the screenshot: captureVisibleTab accepts only `<all_urls>` or activeTab.
    host_permissions: ['<all_urls>'],
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_cmdClipPage__',
      },
      // Opens the hold-to-erase window; the hold there is the confirmation.
      'panic-wipe': {
        suggested_key: { default: 'Alt+Shift+Delete' },
        description: '__MSG_cmdPanicWipe__',
      },
    },
    content_security_policy: {
      extension_pages:
        "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(mode === 'e2e' ? { name: 'Protokol (e2e)' } : {}),
  }),
});
