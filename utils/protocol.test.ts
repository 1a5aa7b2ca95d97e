import { describe, expect, it } from 'vitest';
import { CaptureTabRequest, isExtensionPageSender } from './protocol';

describe('protocol', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;
  it('accepts only the extension’s own pages as privileged senders', () => {
    expect(isExtensionPageSender({ id, url: `${origin}popup.html` }, id, origin)).toBe(true);
    expect(isExtensionPageSender({ id, url: 'https://evil.test/' }, id, origin)).toBe(false);
    expect(isExtensionPageSender({ id: 'other', url: `${origin}popup.html` }, id, origin)).toBe(
      false,
    );
    expect(
      isExtensionPageSender({ id, url: `chrome-extension://${id}evil/x` }, id, origin.slice(0, -1)),
    ).toBe(false);
    expect(isExtensionPageSender({ id }, id, origin)).toBe(false);
  });
  it('validates capture requests', () => {
    expect(CaptureTabRequest.safeParse({ tabId: 3 }).success).toBe(true);
    expect(CaptureTabRequest.safeParse({ tabId: '3' }).success).toBe(false);
    expect(CaptureTabRequest.safeParse({}).success).toBe(false);
  });
});
