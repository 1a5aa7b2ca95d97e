/**
 * Telegram core: recognise a Telegram page (`detectTelegramPage`) and read its posts
 * (`parsePosts`, `parsePostElement`) from a DOM. No browser imports.
 */
export { detectTelegramPage, type TelegramPageMatch } from './adapters';
export {
  createParseContext,
  parsePosts,
  parsePostElement,
  POST_SELECTOR,
  type ParsePostsOptions,
} from './parse';
export { parseCount } from './dom';
export {
  TelegramAdapterId,
  TelegramMedia,
  TelegramMediaType,
  TelegramPost,
  PublishedAtBasis,
  type ParseContext,
} from './types';
