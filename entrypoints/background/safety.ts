/**
 * Safety wiring in the background: the panic wipe message (extension pages only) and its
 * keyboard shortcut, which opens the hold-to-erase window (a shortcut alone is too easy to
 * press by accident to erase evidence).
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import type { EvidenceDb } from '@/utils/store';
import { panicWipe } from './wipe';

export function installSafety(
  db: EvidenceDb,
  assertExtensionPage: (sender: chrome.runtime.MessageSender) => void,
  afterWipe?: () => void,
): void {
  onMessage('panicWipe', async ({ sender }) => {
    assertExtensionPage(sender);
    return panicWipe(db, afterWipe);
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'panic-wipe') return;
    void browser.windows.create({
      url: browser.runtime.getURL('/wipe.html'),
      type: 'popup',
      width: 380,
      height: 260,
      focused: true,
    });
  });
}
