import type { Locale } from '../domain/locale';
import { en } from './catalogs/en';
import { fr, type MessageKey } from './catalogs/fr';

export type { MessageKey };
export type MessageParams = Readonly<Record<string, string | number>>;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** Every catalog, for the tests that check they match. */
export const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = CATALOGS;

/** The text of `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGS[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** A translator bound to one locale, as handed to cards and handlers. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}
