/** Popup strings. */
export const popup = {
  en: { popupClip: 'Clip this page' },
  ru: { popupClip: 'Сохранить страницу' },
  uk: { popupClip: 'Зберегти сторінку' },
};
