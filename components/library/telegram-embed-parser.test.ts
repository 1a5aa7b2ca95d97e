// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { sharedPage } from '@/utils/telegram/test-support';

vi.mock('@/lib/messaging', () => ({ onMessage: () => () => undefined }));
const { parseEmbedPage } = await import('./telegram-embed-parser');

const URL_ = 'https://t.me/K1inUSA/3?embed=1';

describe('the library’s parse of a re-check’s embed page', () => {
  it('reads the post of a saved t.me embed page', () => {
    const post = parseEmbedPage(sharedPage('tme_post_embed_widget_K1inUSA.html'), URL_);
    expect(post).toMatchObject({ adapter: 'tme_embed', channel: 'K1inUSA', post_id: 3 });
    // First line read off the saved HTML by hand.
    expect(post!.text.split('\n')[0]).toBe('یک کانال تلگرامی متفاوت');
  });
  it('reads no post where t.me shows its “Post not found” error, even inside a post frame', () => {
    const gone =
      '<html><body><div class="tgme_widget_message js-widget_message" data-post="K1inUSA/3">' +
      '<div class="tgme_widget_message_bubble"><div class="tgme_widget_message_error">Post not found</div>' +
      '</div></div></body></html>';
    expect(parseEmbedPage(gone, URL_)).toBeNull();
    expect(parseEmbedPage('<html><body></body></html>', URL_)).toBeNull();
  });
});
