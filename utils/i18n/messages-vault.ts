/** Strings of the encrypted store: lock screen, first-run opt-in, settings' Encryption section. */
export const vault = {
  en: {
    errStoreLocked:
      'The store is locked: unlock it (open Protokol and type your passphrase) to save or change evidence.',
    vaultErrWrong: 'Wrong passphrase.',
    vaultErrTampered:
      'The store’s key material has been changed or damaged: it cannot be opened. Nothing was changed.',
    vaultErrKdf:
      'This browser cannot run the function that turns your passphrase into a key (WebAssembly is blocked). The store cannot be opened here.',
    vaultErrAlreadyOn: 'Encryption is already on for this store.',
    vaultErrNotOn: 'This store is not encrypted.',
    vaultErrSameAsDuress: 'The new passphrase cannot be the duress passphrase.',
    vaultErrSameAsPassphrase: 'The duress passphrase cannot be the same as the passphrase.',
    vaultErrLocked: 'The store is locked: unlock it first.',
    vaultErrConversion: 'Encrypting the existing evidence stopped: {detail}',
    vaultErrUnknown: 'Something went wrong: {detail}',
  },
  ru: {
    errStoreLocked:
      'Хранилище заблокировано: разблокируйте его (откройте Протокол и введите парольную фразу), чтобы сохранять или изменять материалы.',
    vaultErrWrong: 'Неверная парольная фраза.',
    vaultErrTampered:
      'Ключевые данные хранилища изменены или повреждены: открыть его нельзя. Ничего не изменено.',
    vaultErrKdf:
      'Этот браузер не может выполнить функцию, которая превращает парольную фразу в ключ (WebAssembly заблокирован). Здесь хранилище открыть нельзя.',
    vaultErrAlreadyOn: 'Шифрование этого хранилища уже включено.',
    vaultErrNotOn: 'Это хранилище не зашифровано.',
    vaultErrSameAsDuress: 'Новая парольная фраза не может совпадать с фразой под принуждением.',
    vaultErrSameAsPassphrase: 'Фраза под принуждением не может совпадать с парольной фразой.',
    vaultErrLocked: 'Хранилище заблокировано: сначала разблокируйте его.',
    vaultErrConversion: 'Шифрование уже сохранённых материалов остановилось: {detail}',
    vaultErrUnknown: 'Что-то пошло не так: {detail}',
  },
  uk: {
    errStoreLocked:
      'Сховище заблоковано: розблокуйте його (відкрийте Протокол і введіть парольну фразу), щоб зберігати або змінювати матеріали.',
    vaultErrWrong: 'Неправильна парольна фраза.',
    vaultErrTampered:
      'Ключові дані сховища змінено або пошкоджено: відкрити його неможливо. Нічого не змінено.',
    vaultErrKdf:
      'Цей браузер не може виконати функцію, яка перетворює парольну фразу на ключ (WebAssembly заблоковано). Тут сховище відкрити неможливо.',
    vaultErrAlreadyOn: 'Шифрування цього сховища вже ввімкнено.',
    vaultErrNotOn: 'Це сховище не зашифроване.',
    vaultErrSameAsDuress: 'Нова парольна фраза не може збігатися з фразою під примусом.',
    vaultErrSameAsPassphrase: 'Фраза під примусом не може збігатися з парольною фразою.',
    vaultErrLocked: 'Сховище заблоковано: спершу розблокуйте його.',
    vaultErrConversion: 'Шифрування вже збережених матеріалів зупинилося: {detail}',
    vaultErrUnknown: 'Щось пішло не так: {detail}',
  },
};
