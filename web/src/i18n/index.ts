import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Messages, Plural } from './en.js';
import { CATALOGUES, formatWhen, plural, type Locale } from './locale.js';

export { chooseLocale, LOCALE_NAMES, type Locale } from './locale.js';

const SAVED = 'wt.locale';
export const savedLocale = (): string | null => localStorage.getItem(SAVED);
export const saveLocale = (locale: Locale): void => localStorage.setItem(SAVED, locale);

export type I18n = {
  readonly locale: Locale;
  readonly m: Messages;
  readonly n: (forms: Plural, count: number) => string;
  readonly when: (iso: string, timeZone?: string) => string;
  readonly setLocale: (locale: Locale) => void;
};

export const i18nFor = (locale: Locale, setLocale: (locale: Locale) => void): I18n => ({
  locale, m: CATALOGUES[locale], setLocale,
  n: (forms, count) => plural(locale, forms, count),
  when: (iso, timeZone) => formatWhen(locale, iso, timeZone),
});

export const I18nContext = createContext<I18n>(i18nFor('en', () => undefined));
export const useI18n = (): I18n => useContext(I18nContext);
