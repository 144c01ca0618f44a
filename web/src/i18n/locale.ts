import { en, type Messages, type Plural } from './en.js';
import { ru } from './ru.js';

/* The catalogues and what chooses and formats with them: no DOM, so tests and other tools use it too. */

export type Locale = 'en' | 'ru';
export const CATALOGUES: Record<Locale, Messages> = { en, ru };
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

/** The person's choice if they made one here, else the first of the browser's languages we speak, else English. */
export const chooseLocale = (languages: readonly string[], saved: string | null): Locale => {
  if (saved === 'en' || saved === 'ru') return saved;
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'ru') return base;
  }
  return 'en';
};

/** A count in the locale's plural form (Intl.PluralRules: Russian has one, few and many). */
export const plural = (locale: Locale, forms: Plural, n: number): string => {
  const category = new Intl.PluralRules(locale).select(n) as keyof Plural;
  return (forms[category] ?? forms.other).replace('{n}', new Intl.NumberFormat(locale).format(n));
};

/**
 * Dates and times through Intl, in the screening's own zone with its name (T1): a screening in
 * Lisbon reads "Sat, 2 Mar, 20:00 WET" wherever the reader is. Without a zone, the reader's own.
 */
export const formatWhen = (locale: Locale, iso: string, timeZone?: string): string =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
  }).format(new Date(iso));
