import { parseDates, type DateParse, type DateRole } from '../../src/parsing/dates';

type ParseLocale = 'fr' | 'en' | undefined;

/** A Sunday in June: far from month ends, so relative dates need no clamping unless a test says so. */
const TODAY = '2025-06-15';

function parse(text: string, locale: ParseLocale = 'fr', today = TODAY): DateParse {
  return parseDates(text, { locale, today });
}

/** The dates of a `found` answer, or the whole answer so that a failure shows what came back instead. */
function datesOf(result: DateParse): readonly string[] | DateParse {
  return result.kind === 'found' ? result.dates.map((found) => found.date) : result;
}

function rolesOf(result: DateParse): ReadonlyArray<DateRole | undefined> | DateParse {
  return result.kind === 'found' ? result.dates.map((found) => found.role) : result;
}

const BOTH: readonly ParseLocale[] = ['fr', 'en', undefined];

describe('numeric dates are read in every language', () => {
  const cases: ReadonlyArray<[string, string]> = [
    ['15/03/2024', '2024-03-15'],
    ['15.03.2024', '2024-03-15'],
    ['15-03-2024', '2024-03-15'],
    ['15/03/24', '2024-03-15'],
    ['2024-03-15', '2024-03-15'],
    ['2024/03/15', '2024-03-15'],
    ['2024-3-5', '2024-03-05'],
    ['2024-03-15T10:00:00Z', '2024-03-15'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/2026.', '2026-12-31'],
  ];
  it.each(BOTH.flatMap((locale) => cases.map(([text, date]) => [text, String(locale), locale, date] as const)))(
    '%s (%s)',
    (text, _label, locale, date) => {
      expect(datesOf(parse(text, locale))).toEqual([date]);
    },
  );

  it('single-digit day and month are day first in French and unknown languages, ambiguous in English', () => {
    expect(datesOf(parse('5/3/2024', 'fr'))).toEqual(['2024-03-05']);
    expect(datesOf(parse('5/3/2024', undefined))).toEqual(['2024-03-05']);
    expect(parse('5/3/2024', 'en')).toEqual({ kind: 'ambiguous', text: '5/3/2024', options: ['2024-03-05', '2024-05-03'] });
  });
});

describe('dates written in words, French and English, are read whatever the locale', () => {
  it.each([
    ['15 mars 2024', '2024-03-15'],
    ['le 1er février 2025', '2025-02-01'],
    ['1er fevrier 2025', '2025-02-01'],
    ['le premier août 2024', '2024-08-01'],
    ['15 MARS 2024', '2024-03-15'],
    ['lundi 15 avril 2024', '2024-04-15'],
    ['15 mar. 2024', '2024-03-15'],
    ['3 janv. 2025', '2025-01-03'],
    ['10 févr. 2024', '2024-02-10'],
    ['10 fevr 2024', '2024-02-10'],
    ['7 sept. 2024', '2024-09-07'],
    ['24 déc. 2024', '2024-12-24'],
    ['2 juil. 2024', '2024-07-02'],
    ['31 décembre 2099', '2099-12-31'],
    ['March 15, 2024', '2024-03-15'],
    ['March 15 2024', '2024-03-15'],
    ['March 15th, 2024', '2024-03-15'],
    ['15 March 2024', '2024-03-15'],
    ['15th March 2024', '2024-03-15'],
    ['the 1st of May, 2024', '2024-05-01'],
    ['Mar 15, 2024', '2024-03-15'],
    ['Sept. 3, 2024', '2024-09-03'],
    ['Monday, April 15, 2024', '2024-04-15'],
    ['15-Mar-2024', '2024-03-15'],
    ['February 29, 2024', '2024-02-29'],
  ])('%s is %s', (text, date) => {
    expect(datesOf(parse(text, 'fr'))).toEqual([date]);
    expect(datesOf(parse(text, 'en'))).toEqual([date]);
  });

  it('reports the text as typed, accents and all, without the article', () => {
    expect(parse('Il a été délivré le 1er février 2025.')).toEqual({
      kind: 'found',
      dates: [{ date: '2025-02-01', role: 'issue', text: '1er février 2025' }],
    });
  });
});

describe('relative dates count calendar days from today', () => {
  it.each([
    ["aujourd'hui", '2025-06-15'],
    ['aujourd’hui', '2025-06-15'],
    ['today', '2025-06-15'],
    ['hier', '2025-06-14'],
    ['yesterday', '2025-06-14'],
    ['avant-hier', '2025-06-13'],
    ['avant hier', '2025-06-13'],
    ['the day before yesterday', '2025-06-13'],
    ['demain', '2025-06-16'],
    ['tomorrow', '2025-06-16'],
    ['il y a 2 ans', '2023-06-15'],
    ['il y a 3 mois', '2025-03-15'],
    ['il y a 10 jours', '2025-06-05'],
    ['il y a un an', '2024-06-15'],
    ['il y a deux semaines', '2025-06-01'],
    ['il y a sept jours', '2025-06-08'],
    ['il y a 2 ans et 3 mois', '2023-03-15'],
    ['il y a un an et demi', '2023-12-15'],
    ['2 years ago', '2023-06-15'],
    ['3 months ago', '2025-03-15'],
    ['10 days ago', '2025-06-05'],
    ['a year ago', '2024-06-15'],
    ['one year ago', '2024-06-15'],
    ['two weeks ago', '2025-06-01'],
    ['a year and a half ago', '2023-12-15'],
    ['1 year and 6 months ago', '2023-12-15'],
    ['dans 2 mois', '2025-08-15'],
    ['dans un an', '2026-06-15'],
    ['in 2 months', '2025-08-15'],
    ['in 3 weeks', '2025-07-06'],
  ])('%s is %s', (text, date) => {
    expect(datesOf(parse(text))).toEqual([date]);
  });

  it.each([
    ['il y a un an', '2024-02-29', '2023-02-28'],
    ['a year ago', '2024-02-29', '2023-02-28'],
    ['il y a 1 mois', '2025-03-31', '2025-02-28'],
    ['in 1 month', '2025-01-31', '2025-02-28'],
    ['hier', '2025-01-01', '2024-12-31'],
    ['dans 3 ans', '2024-02-29', '2027-02-28'],
  ])('%s from %s is %s: the day is clamped to the month', (text, today, date) => {
    expect(datesOf(parse(text, 'fr', today))).toEqual([date]);
  });

  it('a month and a half is no calendar date, so it is not read', () => {
    expect(parse('il y a 1 mois et demi')).toEqual({ kind: 'none' });
  });

  it('a relative date keeps what the words around it say', () => {
    expect(parse('obtenu il y a 2 ans')).toEqual({
      kind: 'found',
      dates: [{ date: '2023-06-15', role: 'issue', text: 'il y a 2 ans' }],
    });
    expect(rolesOf(parse('it expires in 3 months', 'en'))).toEqual(['expiry']);
  });

  it.each([
    ['notre certificat a 2 ans, quand le renouveler ?', 'fr', '2023-06-15', '2 ans'],
    ['il a maintenant 2 ans et demi', 'fr', '2022-12-15', '2 ans et demi'],
    ['our cert is 2 years old', 'en', '2023-06-15', '2 years'],
    ['it is 18 months old', 'en', '2023-12-15', '18 months'],
  ] as const)("a certificate's age is its issue date: %s", (text, locale, date, typed) => {
    expect(parse(text, locale)).toEqual({ kind: 'found', dates: [{ date, role: 'issue', text: typed }] });
  });

  it.each(['le certificat a 3 ans de validité', 'un certificat a 3 ans pour être renouvelé ?', 'valable 3 ans'])('not an age: %s', (text) => {
    expect(parse(text)).toEqual({ kind: 'none' });
  });
});

describe('numeric dates in English may be month first', () => {
  it.each<[string, ParseLocale, DateParse]>([
    ['03/04/2024', 'en', { kind: 'ambiguous', text: '03/04/2024', options: ['2024-04-03', '2024-03-04'] }],
    ['03/04/24', 'en', { kind: 'ambiguous', text: '03/04/24', options: ['2024-04-03', '2024-03-04'] }],
    ['issued 3.4.2024', 'en', { kind: 'ambiguous', text: '3.4.2024', options: ['2024-04-03', '2024-03-04'] }],
    ['15/03/2024', 'en', { kind: 'found', dates: [{ date: '2024-03-15', role: undefined, text: '15/03/2024' }] }],
    ['03/15/2024', 'en', { kind: 'found', dates: [{ date: '2024-03-15', role: undefined, text: '03/15/2024' }] }],
    ['03/03/2024', 'en', { kind: 'found', dates: [{ date: '2024-03-03', role: undefined, text: '03/03/2024' }] }],
    ['2024-03-04', 'en', { kind: 'found', dates: [{ date: '2024-03-04', role: undefined, text: '2024-03-04' }] }],
    ['03/04/2024', 'fr', { kind: 'found', dates: [{ date: '2024-04-03', role: undefined, text: '03/04/2024' }] }],
    ['03/04/2024', undefined, { kind: 'found', dates: [{ date: '2024-04-03', role: undefined, text: '03/04/2024' }] }],
    ['03/15/2024', 'fr', { kind: 'invalid', text: '03/15/2024', reason: 'impossible' }],
    ['03/15/2024', undefined, { kind: 'invalid', text: '03/15/2024', reason: 'impossible' }],
  ])('%s in %s', (text, locale, expected) => {
    expect(parse(text, locale)).toEqual(expected);
  });
});

describe('date-shaped text that is no date is invalid', () => {
  const cases: ReadonlyArray<[string, string, 'impossible' | 'out-of-range']> = [
    ['31/02/2024', '31/02/2024', 'impossible'],
    ['le 30/02/2024', '30/02/2024', 'impossible'],
    ['00/13/2024', '00/13/2024', 'impossible'],
    ['13/13/24', '13/13/24', 'impossible'],
    ['32/01/2024', '32/01/2024', 'impossible'],
    ['29/02/2023', '29/02/2023', 'impossible'],
    ['29/02/2100', '29/02/2100', 'impossible'],
    ['2023-02-29', '2023-02-29', 'impossible'],
    ['2024-15-03', '2024-15-03', 'impossible'],
    ['31 avril 2024', '31 avril 2024', 'impossible'],
    ['February 30, 2024', 'February 30, 2024', 'impossible'],
    ['15/03/1850', '15/03/1850', 'out-of-range'],
    ['1850-03-15', '1850-03-15', 'out-of-range'],
    ['15 mars 2250', '15 mars 2250', 'out-of-range'],
    ['il y a 200 ans', 'il y a 200 ans', 'out-of-range'],
  ];
  it.each(BOTH.flatMap((locale) => cases.map(([text, shown, reason]) => [text, String(locale), locale, shown, reason] as const)))(
    '%s (%s)',
    (text, _label, locale, shown, reason) => {
      expect(parse(text, locale)).toEqual({ kind: 'invalid', text: shown, reason });
    },
  );

  it('an impossible date is reported even next to a good one: the bot asks rather than guess', () => {
    expect(parse('délivré le 31/02/2024 ou le 28/02/2024 ?')).toEqual({ kind: 'invalid', text: '31/02/2024', reason: 'impossible' });
  });

  it('the first ambiguous date is asked about before any other', () => {
    expect(parse('issued 03/04/2024, expires 2027-04-03', 'en')).toMatchObject({ kind: 'ambiguous', text: '03/04/2024' });
  });

  it('two-digit years are this century, even far ones', () => {
    expect(datesOf(parse('01/01/99'))).toEqual(['2099-01-01']);
  });
});

describe('numbers that are not dates', () => {
  it.each([
    [''],
    ['   '],
    ['Bonjour, comment renouveler mon certificat ?'],
    ['mars 2024'],
    ['en mars 2024'],
    ['March 2024'],
    ['en 2023'],
    ['in 2023'],
    ['le 15 mars'],
    ['on March 15'],
    ['15/03'],
    ['le mois dernier'],
    ['last month'],
    ['3 sites'],
    ['nos sept sites'],
    ['valable 3 ans'],
    ['valid for 3 years'],
    ['FINESS 010780914'],
    ['FINESS 01 078 091 4'],
    ['FINESS 01.078.091.4'],
    ['06 12 34 56 78'],
    ['06.12.34.56.78'],
    ['06-12-34-56-78'],
    ['rendez-vous à 10:30'],
    ['10h30'],
    ['v0.8'],
    ['teams-js 2.58.0'],
    ['version 1.2.24'],
    ['v1.2.24'],
    ['2.58.10'],
    ['12.50.00'],
    ['192.168.1.10'],
    ['1 500,00 €'],
    ['15,50 €'],
    ['$1,250.00'],
    ['3/4 des sites'],
    ['24/7'],
    ['hiérarchie'],
    ['il y a 3 sites'],
    ['dans 3 sites'],
  ])('%j', (text) => {
    for (const locale of BOTH) expect(parse(text, locale)).toEqual({ kind: 'none' });
  });
});

describe('what a date is, from the words around it', () => {
  it.each<[string, DateRole | undefined]>([
    ['délivré le 15/03/2024', 'issue'],
    ['Il a été émis le 15/03/2024', 'issue'],
    ['obtenu le 15/03/2024', 'issue'],
    ["j'ai reçu le certificat le 15/03/2024", 'issue'],
    ['commandé le 15/03/2024', 'issue'],
    ['créé le 15/03/2024', 'issue'],
    ['généré le 15/03/2024', 'issue'],
    ['date de délivrance : 15/03/2024', 'issue'],
    ["on l'a depuis le 15/03/2024", 'issue'],
    ['issued on 2024-03-15', 'issue'],
    ['obtained on March 15, 2024', 'issue'],
    ['I got it on 15 March 2024', 'issue'],
    ['delivered 2024-03-15', 'issue'],
    ['created on 2024-03-15', 'issue'],
    ['generated on 2024-03-15', 'issue'],
    ['Not Before: 2024-03-15', 'issue'],
    ['il expire le 15/03/2027', 'expiry'],
    ["date d'expiration : 15/03/2027", 'expiry'],
    ['fin de validité le 15/03/2027', 'expiry'],
    ['échéance : 15 mars 2027', 'expiry'],
    ["valable jusqu'au 15/03/2027", 'expiry'],
    ['jusqu’au 15/03/2027', 'expiry'],
    ['it expires on 2027-03-15', 'expiry'],
    ['expiry date 2027-03-15', 'expiry'],
    ['valid until March 15, 2027', 'expiry'],
    ['until 2027-03-15', 'expiry'],
    ['it ends on 2027-03-15', 'expiry'],
    ['end date: 2027-03-15', 'expiry'],
    ['Not After : 2027-03-15', 'expiry'],
    ['le 15/03/2024', undefined],
    ['on 2024-03-15', undefined],
    ['15/03/2024 : date de délivrance', 'issue'],
    ["Le 15/03/2024 j'ai reçu le certificat", 'issue'],
    ["15/03/2027 (date d'expiration)", 'expiry'],
    ['15/03/2024, et il expire quand ?', undefined],
    ['Le 15/03/2024. Il expire quand ?', undefined],
    ['le 15/03/2024, quand expire-t-il ?', undefined],
    ['quand expire un certificat délivré le 15/03/2024 ?', 'issue'],
    ['Il expire bientôt ; il a été obtenu le 15/03/2024', 'issue'],
  ])('%s', (text, role) => {
    expect(rolesOf(parse(text))).toEqual([role]);
  });
});

describe('messages as people send them', () => {
  it.each<[string, ParseLocale, DateParse]>([
    [
      'Mon certificat a été délivré le 15/03/2024, quand dois-je le renouveler ?',
      'fr',
      { kind: 'found', dates: [{ date: '2024-03-15', role: 'issue', text: '15/03/2024' }] },
    ],
    ['délivré le 12/09/2024, quand renouveler ?', 'fr', { kind: 'found', dates: [{ date: '2024-09-12', role: 'issue', text: '12/09/2024' }] }],
    [
      'when does a certificate issued on 2025-01-15 expire?',
      'en',
      { kind: 'found', dates: [{ date: '2025-01-15', role: 'issue', text: '2025-01-15' }] },
    ],
    ['il expire le 3 mars 2026', 'fr', { kind: 'found', dates: [{ date: '2026-03-03', role: 'expiry', text: '3 mars 2026' }] }],
    [
      'Délivré le 15/03/2024, il expire le 15/03/2027 : je renouvelle quand ?',
      'fr',
      {
        kind: 'found',
        dates: [
          { date: '2024-03-15', role: 'issue', text: '15/03/2024' },
          { date: '2027-03-15', role: 'expiry', text: '15/03/2027' },
        ],
      },
    ],
    [
      'issued March 15, 2024 and it expires 2027-03-15',
      'en',
      {
        kind: 'found',
        dates: [
          { date: '2024-03-15', role: 'issue', text: 'March 15, 2024' },
          { date: '2027-03-15', role: 'expiry', text: '2027-03-15' },
        ],
      },
    ],
    [
      'le 12/09/2024 ou le 13/09/2024, je ne sais plus',
      'fr',
      {
        kind: 'found',
        dates: [
          { date: '2024-09-12', role: undefined, text: '12/09/2024' },
          { date: '2024-09-13', role: undefined, text: '13/09/2024' },
        ],
      },
    ],
    [
      'le 15/03/2024 (soit le 15 mars 2024)',
      'fr',
      { kind: 'found', dates: [{ date: '2024-03-15', role: undefined, text: '15/03/2024' }] },
    ],
    [
      'Je crois que c’était le 15/03/2024. Oui : délivré le 15 mars 2024.',
      'fr',
      { kind: 'found', dates: [{ date: '2024-03-15', role: 'issue', text: '15/03/2024' }] },
    ],
    [
      'Notre CH (FINESS 01 078 091 4, 3 sites, tél. 06 12 34 56 78) a reçu son certificat hier à 10:30.',
      'fr',
      { kind: 'found', dates: [{ date: '2025-06-14', role: 'issue', text: 'hier' }] },
    ],
  ])('%s', (text, locale, expected) => {
    expect(parse(text, locale)).toEqual(expected);
  });

  it('finds the date in a long message', () => {
    const filler = 'Nous utilisons la version 2.58.0 du client, sur 3 sites, FINESS 010780914, depuis 2019. '.repeat(40);
    const text = `${filler}Le certificat serveur a été généré le 2 juil. 2024 et je voudrais savoir quand le renouveler. ${filler}`;
    expect(parse(text)).toEqual({ kind: 'found', dates: [{ date: '2024-07-02', role: 'issue', text: '2 juil. 2024' }] });
  });

  it('refuses a today that is not a calendar date: that is the caller’s bug, not the user’s', () => {
    expect(() => parseDates('hier', { locale: 'fr', today: '2025-02-30' })).toThrow(RangeError);
    expect(() => parseDates('hier', { locale: 'fr', today: '15/06/2025' })).toThrow(RangeError);
  });
});
