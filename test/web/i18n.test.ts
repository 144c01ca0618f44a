import { expect } from 'chai';
import { en } from '../../web/src/i18n/en.js';
import { CATALOGUES, chooseLocale, formatWhen, plural, type Locale } from '../../web/src/i18n/locale.js';

type Leaf = { kind: string; value: any };
/** Every leaf of a catalogue by its path (`find › title`): a string, a plural's forms, or a function and its arity. */
const leafMap = (node: unknown, path = '', found = new Map<string, Leaf>()): Map<string, Leaf> => {
  if (typeof node === 'string') found.set(path, { kind: 'text', value: node });
  else if (typeof node === 'function') found.set(path, { kind: `function/${node.length}`, value: node });
  else if (node && typeof node === 'object') {
    if ('one' in node && 'other' in node) found.set(path, { kind: 'plural', value: node });
    else for (const [key, value] of Object.entries(node)) leafMap(value, path ? `${path} › ${key}` : key, found);
  }
  return found;
};
const leaves = (node: unknown): Map<string, string> => new Map([...leafMap(node)].map(([path, leaf]) => [path, leaf.kind]));

describe('The web page’s message catalogues', () => {
  const english = leaves(en);

  for (const locale of Object.keys(CATALOGUES) as Locale[]) {
    it(`${locale}: has every key of the English catalogue, of the same kind, and nothing else, none empty`, () => {
      const mine = leaves(CATALOGUES[locale]);
      expect([...mine.keys()].filter((k) => !english.has(k)), 'keys English does not have').to.deep.equal([]);
      expect([...english.keys()].filter((k) => !mine.has(k)), 'missing keys').to.deep.equal([]);
      for (const [key, kind] of english) expect(mine.get(key), key).to.equal(kind);
      for (const [key, { kind, value }] of leafMap(CATALOGUES[locale])) if (kind === 'text') expect(value.trim(), key).to.not.equal('');
    });

    it(`${locale}: gives every plural the forms the language needs, each with its number`, () => {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [key, { kind, value: forms }] of leafMap(CATALOGUES[locale])) {
        if (kind !== 'plural') continue;
        for (const category of needed) {
          const form = forms[category] ?? forms.other;
          expect(form, `${key}.${category}`).to.be.a('string');
          // "Ask for a seat" may say one without the number; every other form shows it.
          if (!(locale === 'en' && category === 'one')) expect(form, `${key}.${category}`).to.contain('{n}');
        }
      }
    });
  }

  it('chooses the saved language, else the first of the browser’s it speaks, else English', () => {
    expect(chooseLocale(['ru-RU', 'en'], null)).to.equal('ru');
    expect(chooseLocale(['de-DE', 'en-GB', 'ru'], null)).to.equal('en');
    expect(chooseLocale(['de-DE', 'fr'], null)).to.equal('en');
    expect(chooseLocale(['ru-RU'], 'en')).to.equal('en');
    expect(chooseLocale([], 'xx')).to.equal('en');
  });

  it('counts in Russian with one, few and many', () => {
    const seats = CATALOGUES.ru.counts.seats;
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => plural('ru', seats, n)))
      .to.deep.equal(['1 место', '2 места', '5 мест', '11 мест', '21 место', '22 места', '25 мест']);
    expect([1, 2].map((n) => plural('en', en.counts.seats, n))).to.deep.equal(['1 seat', '2 seats']);
  });

  it('gives times in the screening’s own zone with its name, in either language', () => {
    // 2030-03-31 01:30 UTC is 03:30 summer time in Berlin, the night the clocks change.
    expect(formatWhen('en', '2030-03-31T01:30:00Z', 'Europe/Berlin')).to.match(/Sun.*31 Mar.*03:30.*(CEST|GMT\+2)/);
    expect(formatWhen('ru', '2030-03-31T01:30:00Z', 'Europe/Berlin')).to.match(/вс.*31 мар.*03:30.*(CEST|GMT\+2)/i);
    expect(formatWhen('en', '2030-03-31T01:30:00Z', 'America/New_York')).to.match(/Sat.*30 Mar.*21:30.*(EDT|GMT-4)/);
  });
});
