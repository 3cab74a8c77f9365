/**
 * User text is data, never markup. What people type (certificate names, descriptions, ticket texts) and what comes
 * from outside (Teams display names, a certificate file's subject) is cleaned once on input and escaped wherever it is
 * shown: Teams renders card TextBlocks and bot messages as Markdown, and Adaptive Cards expand `{{DATE(…)}}`; the tab's
 * pages are HTML.
 */

/** C0 and C1 controls (line breaks and tabs included: a single-line field), bidi overrides and isolates, zero-widths. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** The same, but keeping line breaks: a multi-line text (a description). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE_KEEP_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * A single-line text as typed, made safe to store: invisible and direction-changing characters removed (they can
 * make « facture.pdf » read as « fdp.erutcaf » or hide words), line breaks and tabs turned to spaces, runs of spaces
 * folded, Unicode composed (NFC), trimmed.
 */
export function cleanUserText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\t\n\r\u2028\u2029]+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A multi-line text as typed, made safe to store: as cleanUserText, keeping its line breaks (\n). */
export function cleanUserLines(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE_KEEP_LINES, '')
    .split('\n')
    .map((line) => line.replace(/[ \t]{2,}/g, ' ').trimEnd())
    .join('\n')
    .trim();
}

/** Characters that start Markdown or card syntax anywhere in a line: links, emphasis, code, HTML, templates. */
const INLINE_SYNTAX = /[\\`*_[\]<>{}~$|&]/g;
/** Line starts that make headings, quotes, lists: the marker is escaped (for "1." its dot: digits cannot be). */
const LINE_START_SYNTAX = /^(\s*)(?:([#>+-])|(\d+)([.)]))/gm;

/**
 * The one escaping of user text for what Teams renders as Markdown (card TextBlocks, bot messages): every character
 * that could start a link, emphasis, code, HTML, a table or an Adaptive Card function (`{{DATE(…)}}`, `${…}`) is
 * backslash-escaped, as are list, quote and heading markers at a line's start. The reader sees the text as typed.
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(LINE_START_SYNTAX, (_all, space: string, marker?: string, digits?: string, dot?: string) =>
      marker ? `${space}\\${marker}` : `${space}${digits ?? ''}\\${dot ?? ''}`,
    );
}

/** The text of an escaped value, for fields Teams shows as plain text (button titles, notifications, inputs). */
export function unescapeMarkdown(value: string): string {
  return value.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The one escaping of text placed in HTML (the tab's pages): `& < > " '` become entities, so that the text reads as
 * typed in an element's content or in a quoted attribute value, and can never open a tag or close the attribute.
 */
export function escapeHtml(value: string): string {
  return value.replace(HTML_SPECIAL, (character) => HTML_ENTITIES[character] ?? character);
}
