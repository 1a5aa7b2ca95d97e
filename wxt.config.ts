import { defineConfig } from 'wxt';
import { GECKO_ID } from './utils/gecko-id';

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
      // Firefox only: the server's TLS certificate chain of each captured page
      // (webRequest.getSecurityInfo, answered only inside a blocking onHeadersReceived).
      ...(browser === 'firefox' ? ['webRequest', 'webRequestBlocking'] : []),
    ],
    // No access to any site at install (README "Permissions and why"). A capture started by a
    // click, the menu or the shortcut works under activeTab; the always-on content scripts
    // (detection, media watch, Telegram) need every site and are registered at run time only
    // once the user allows it (entrypoints/background/always-on.ts). The e2e build and the batch
    // CLI's own build (`--mode cli`, which captures without a click) have it at install.
    ...(mode === 'e2e' || mode === 'cli' ? { host_permissions: ['<all_urls>'] } : {}),
    optional_host_permissions: ['http://*/*', 'https://*/*'],
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
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // MV3 background scripts, storage.session, WebCrypto Ed25519/X25519 and
              // data_collection_permissions are all there from Firefox 140 (Tor Browser 15).
              strict_min_version: '140.0',
              // Protokol sends nothing anywhere unless the user turns a feature on.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
    ...(mode === 'e2e' ? { name: 'Protokol (e2e)' } : {}),
  }),
});
