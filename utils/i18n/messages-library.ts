/** Library page strings. */
export const library = {
  en: { libTitle: 'Evidence library' },
  ru: { libTitle: 'Хранилище доказательств' },
  uk: { libTitle: 'Сховище доказів' },
};
