/** Strings of the safety features: panic wipe. */
export const safety = {
  en: {
    wipeTitle: 'Panic wipe',
    wipeButton: 'Hold to erase everything',
    wipeWiping: 'Erasing…',
    wipeHelp:
      'Press and hold for about a second: erases every capture, case, key and setting of Protokol in this browser, and leaves the extension as if freshly installed. It cannot be undone. Export what you need first.',
    wipeFailed: 'The wipe did not finish: {detail}. Hold again.',
    cmdPanicWipe: 'Panic wipe (asks you to hold a button)',
  },
  ru: {
    wipeTitle: 'Экстренное удаление',
    wipeButton: 'Удерживайте, чтобы стереть всё',
    wipeWiping: 'Стираем…',
    wipeHelp:
      'Нажмите и удерживайте около секунды: будут стёрты все материалы, дела, ключи и настройки Протокола в этом браузере, расширение будет как только что установленное. Отменить нельзя. Сначала экспортируйте нужное.',
    wipeFailed: 'Удаление не завершилось: {detail}. Удерживайте ещё раз.',
    cmdPanicWipe: 'Экстренное удаление (нужно удерживать кнопку)',
  },
  uk: {
    wipeTitle: 'Екстрене видалення',
    wipeButton: 'Утримуйте, щоб стерти все',
    wipeWiping: 'Стираємо…',
    wipeHelp:
      'Натисніть і утримуйте близько секунди: буде стерто всі матеріали, справи, ключі та налаштування Протоколу в цьому браузері, розширення буде як щойно встановлене. Скасувати неможливо. Спершу експортуйте потрібне.',
    wipeFailed: 'Видалення не завершилося: {detail}. Утримуйте ще раз.',
    cmdPanicWipe: 'Екстрене видалення (треба утримувати кнопку)',
  },
};
