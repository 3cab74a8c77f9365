import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../domain/locale';
import { escapeMarkdown, unescapeMarkdown } from '../domain/user-text';
import { en } from './catalogs/en';
import { fr, type MessageKey } from './catalogs/fr';

export type { MessageKey };
/**
 * A value certibot composed itself, Markdown included (a list it built, a link it made): passed into a message as
 * is. Every other string argument is taken for user text and escaped.
 */
export class Trusted {
  constructor(readonly value: string) {}
}

/** Marks a value certibot composed itself, so that its Markdown is kept. */
export const trusted = (value: string): Trusted => new Trusted(value);

export type MessageParams = Readonly<Record<string, string | number | Trusted>>;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { fr, en };

/** Every catalog, for the tests that check they match. */
export const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = CATALOGS;

type MessageElement = ReturnType<IntlMessageFormat['getAst']>[number];

/**
 * The parser's kind for plain text, read from the parser itself (its enum of kinds belongs to a package certibot only
 * has through intl-messageformat) when the first message is compiled rather than at load: the first
 * IntlMessageFormat sets up Intl, some 25 ms that a start need not wait for.
 */
let literalKind: number | undefined;
const literal = (): number | undefined => (literalKind ??= new IntlMessageFormat('text').getAst()[0]?.type);

/** A catalog message compiled once (ICU MessageFormat: `{n, plural, one {…} other {…}}`), with the arguments it reads. */
interface CompiledMessage {
  readonly format: IntlMessageFormat;
  readonly argumentNames: readonly string[];
}

const compiled = new Map<string, CompiledMessage>();

function collectArguments(elements: readonly MessageElement[], names: Set<string>): Set<string> {
  for (const element of elements) {
    if ('options' in element) {
      // A plural or select: its argument, then the arguments of each of its forms.
      names.add(element.value);
      for (const option of Object.values(element.options)) collectArguments(option.value, names);
    } else if (element.type !== literal() && 'value' in element && typeof element.value === 'string') {
      names.add(element.value);
    }
  }
  return names;
}

function compiledMessage(locale: Locale, key: MessageKey): CompiledMessage {
  const id = `${locale}:${key}`;
  let message = compiled.get(id);
  if (message === undefined) {
    // Tags stay text: a message never holds markup, and "<" must print as itself.
    const format = new IntlMessageFormat(CATALOGS[locale][key], locale, undefined, { ignoreTag: true });
    message = { format, argumentNames: [...collectArguments(format.getAst(), new Set())] };
    compiled.set(id, message);
  }
  return message;
}

/** The names of the arguments a message reads (`{label}`, the `n` of `{n, plural, …}`), for the catalog tests. */
export function argumentNames(locale: Locale, key: MessageKey): readonly string[] {
  return compiledMessage(locale, key).argumentNames;
}

/**
 * The text of `key` in `locale`, its arguments filled from `params`: numbers choose plural forms by the locale's
 * rules and print as digits. An argument with no param is left as `{name}` (and takes the "other" form).
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const message = compiledMessage(locale, key);
  const values: Record<string, string | number> = {};
  for (const name of message.argumentNames) {
    const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    // User text is data, never markup: every string argument not marked trusted is escaped.
    values[name] = value === undefined ? `{${name}}` : value instanceof Trusted ? value.value : typeof value === 'string' ? escapeMarkdown(value) : value;
  }
  const text = message.format.format<string>(values);
  // Plain values make plain text; the array form only comes with rich (element) values, which are never passed.
  return Array.isArray(text) ? text.join('') : text;
}

/**
 * A translator bound to one locale, as handed to cards and handlers: Markdown for messages and card text, where user
 * text arrives escaped; `plain` for what Teams shows as plain text (button titles, notification previews, inputs).
 */
export interface Translate {
  (key: MessageKey, params?: MessageParams): string;
  readonly plain: (key: MessageKey, params?: MessageParams) => string;
}

/** `t` bound to one locale: `tr('privacy.deleted', { count: 3 })`. */
export function translator(locale: Locale): Translate {
  const markdown = (key: MessageKey, params?: MessageParams) => t(locale, key, params);
  return Object.assign(markdown, { plain: (key: MessageKey, params?: MessageParams) => unescapeMarkdown(t(locale, key, params)) });
}

/**
 * A translator that writes plain text only, for the tab's pages: they show every text as text (never Markdown), so
 * user text arrives as typed and the page puts it in the DOM as text.
 */
export function plainTranslator(locale: Locale): Translate {
  const { plain } = translator(locale);
  return Object.assign((key: MessageKey, params?: MessageParams) => plain(key, params), { plain });
}
