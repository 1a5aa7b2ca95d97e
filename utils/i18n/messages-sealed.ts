/** Strings of captures made while the store is locked (sealed queue, docs/vault-design.md §5). */
export const sealed = {
  en: {
    popupSealed: 'Saved and sealed: it appears in the library after you unlock.',
    popupSealedNote:
      'The store is locked, so this capture was encrypted to the store’s key at once. No full-page screenshot or timestamp was taken; they need the unlocked store.',
    tgPostSealed: 'Saved and sealed: in the library after you unlock.',
    errMediaLocked:
      'Unlock the store to save videos and other media: a downloaded file is written into the store as it arrives, which needs the unlocked store. Pages and posts can be saved while locked (they are sealed).',
    sealedKeptAside:
      'Sealed captures that could not be opened (changed or damaged), kept aside: {count}',
    libActUnsealed: 'Unsealed after unlock (captured while locked)',
    setKeyRotatedEncrypted:
      'replaced when encryption was turned on: the old key was kept by the browser in a form that cannot be encrypted, so a new key was made (packs signed with the old key still verify)',
  },
  ru: {
    popupSealed: 'Сохранено и запечатано: появится в библиотеке после разблокировки.',
    popupSealedNote:
      'Хранилище заблокировано, поэтому материал сразу зашифрован ключом хранилища. Полностраничный снимок и метка времени не сделаны: для них нужно разблокированное хранилище.',
    tgPostSealed: 'Сохранено и запечатано: в библиотеке после разблокировки.',
    errMediaLocked:
      'Разблокируйте хранилище, чтобы сохранять видео и другие медиафайлы: скачиваемый файл записывается в хранилище по мере загрузки, а для этого нужно разблокированное хранилище. Страницы и посты можно сохранять и при блокировке (они запечатываются).',
    sealedKeptAside:
      'Запечатанные материалы, которые не удалось открыть (изменены или повреждены), отложены: {count}',
    libActUnsealed: 'Распечатано после разблокировки (сохранено при блокировке)',
    setKeyRotatedEncrypted:
      'заменён при включении шифрования: браузер хранил старый ключ в виде, который нельзя зашифровать, поэтому создан новый ключ (пакеты, подписанные старым ключом, по-прежнему проходят проверку)',
  },
  uk: {
    popupSealed: 'Збережено й запечатано: з’явиться в бібліотеці після розблокування.',
    popupSealedNote:
      'Сховище заблоковано, тому матеріал одразу зашифровано ключем сховища. Повносторінковий знімок і мітку часу не зроблено: для них потрібне розблоковане сховище.',
    tgPostSealed: 'Збережено й запечатано: у бібліотеці після розблокування.',
    errMediaLocked:
      'Розблокуйте сховище, щоб зберігати відео та інші медіафайли: файл, що завантажується, записується в сховище під час завантаження, а для цього потрібне розблоковане сховище. Сторінки й пости можна зберігати й під час блокування (їх запечатують).',
    sealedKeptAside:
      'Запечатані матеріали, які не вдалося відкрити (змінені або пошкоджені), відкладено: {count}',
    libActUnsealed: 'Розпечатано після розблокування (збережено під час блокування)',
    setKeyRotatedEncrypted:
      'замінено під час увімкнення шифрування: браузер зберігав старий ключ у формі, яку неможливо зашифрувати, тому створено новий ключ (пакети, підписані старим ключем, і далі проходять перевірку)',
  },
};
