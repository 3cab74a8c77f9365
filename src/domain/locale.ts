/** The languages certibot speaks. French first: its users are French hospital and medico-social staff. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a BCP-47 tag such as "fr-FR" or "en-US" to a supported locale, or undefined when it is neither. */
export function localeFromTag(tag: string | undefined | null): Locale | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : undefined;
}

/** The locale a turn speaks: the user's saved choice, else the client's language, else the default. */
export function resolveLocale(saved: Locale | undefined, clientTag: string | undefined, fallback: Locale): Locale {
  return saved ?? localeFromTag(clientTag) ?? fallback;
}
