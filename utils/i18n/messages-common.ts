/** Strings shared by several pages, and capture errors the background reports. */
export const common = {
  en: {
    appName: 'Protokol',
    errNotCapturable:
      'This page cannot be captured: only http and https pages can be saved ({url}).',
    errNoTab: 'No page is open to capture.',
    errQuota:
      'Not saved: the browser has no storage space left for Protokol. Free space or export and delete old items. Nothing stored earlier was changed.',
    errPageScript: 'The page could not be read: {detail}',
    errInterrupted:
      'The capture of {url} was interrupted (the extension was stopped). Nothing was saved for it; please capture it again.',
    errUnknown: 'The capture failed: {detail}. Nothing was saved for it.',
    errForbidden: 'This action is only allowed from Protokol’s own pages.',
    errTooLarge: 'The page is too large to capture ({size}); the limit is {limit}.',
  },
  ru: {
    appName: 'Протокол',
    errNotCapturable:
      'Эту страницу нельзя сохранить: сохраняются только страницы http и https ({url}).',
    errNoTab: 'Нет открытой страницы для сохранения.',
    errQuota:
      'Не сохранено: в браузере не осталось места для Протокола. Освободите место или экспортируйте и удалите старые материалы. Ранее сохранённое не изменилось.',
    errPageScript: 'Не удалось прочитать страницу: {detail}',
    errInterrupted:
      'Сохранение {url} прервано (расширение было остановлено). Ничего не сохранено; сохраните страницу ещё раз.',
    errUnknown: 'Сохранить не удалось: {detail}. Ничего не сохранено.',
    errForbidden: 'Это действие доступно только со страниц самого Протокола.',
    errTooLarge: 'Страница слишком большая для сохранения ({size}); предел — {limit}.',
  },
  uk: {
    appName: 'Протокол',
    errNotCapturable:
      'Цю сторінку не можна зберегти: зберігаються лише сторінки http і https ({url}).',
    errNoTab: 'Немає відкритої сторінки для збереження.',
    errQuota:
      'Не збережено: у браузері не залишилося місця для Протоколу. Звільніть місце або експортуйте й видаліть старі матеріали. Раніше збережене не змінилося.',
    errPageScript: 'Не вдалося прочитати сторінку: {detail}',
    errInterrupted:
      'Збереження {url} перервано (розширення було зупинено). Нічого не збережено; збережіть сторінку ще раз.',
    errUnknown: 'Зберегти не вдалося: {detail}. Нічого не збережено.',
    errForbidden: 'Ця дія доступна лише зі сторінок самого Протоколу.',
    errTooLarge: 'Сторінка завелика для збереження ({size}); межа — {limit}.',
  },
};
