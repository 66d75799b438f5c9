// i18next with the two locales bundled (they are small, and the first screen needs one of them at once). Chinese is
// the default whatever the browser says; a user's choice is remembered in this browser.
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { zhCN, type Messages } from './locales/zh-CN.ts';

/** The languages the app speaks, default first. */
export const LANGUAGES = ['zh-CN', 'en'] as const;

/** One of the app's languages. */
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen language is remembered. */
export const LANGUAGE_STORAGE_KEY = 'xietong.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/** Whether a value names one of the app's languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered language, or Chinese. */
export function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    // Storage can be disabled by policy; the default language still works.
    return 'zh-CN';
  }
}

/** Creates and initialises an i18next instance (synchronously: the resources are bundled). */
export function createI18n(language: Language = storedLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(instance);
  instance.on('languageChanged', () => applyDocumentLanguage(instance));
  return instance;
}

/** Switches the language and remembers it. */
export async function changeLanguage(instance: I18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
}

// Screen readers pick their voice from <html lang>, and the tab title should read in the chosen language.
function applyDocumentLanguage(instance: I18n): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = instance.language;
  document.title = instance.t('app.title');
}
