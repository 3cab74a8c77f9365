/**
 * Reads the bot's outgoing activities as a person would: text as is, Adaptive Cards as lines of text with numbered
 * buttons. Pure functions over untrusted JSON (what came over the wire), used by the tests and by `npm run chat`.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A button of a card, numbered in the order a reader meets it. */
export interface CardButton {
  readonly number: number;
  readonly title: string;
  /** Action.Submit, Action.Execute, Action.OpenUrl, Action.ShowCard… */
  readonly type: string;
  /** What the button sends back (Submit / Execute). */
  readonly data: unknown;
  /** Action.Execute's verb. */
  readonly verb: string | undefined;
  /** Action.OpenUrl's address. */
  readonly url: string | undefined;
  /** Action.ShowCard's card. */
  readonly card: unknown;
}

export interface CardInput {
  readonly type: string;
  readonly id: string;
  readonly label: string | undefined;
  readonly placeholder: string | undefined;
  readonly choices: ReadonlyArray<{ readonly title: string; readonly value: string }>;
}

/** Everything a test wants to check about a card, flattened in reading order. */
export interface CardSummary {
  /** The first TextBlock: every certibot card starts with its heading. */
  readonly title: string | undefined;
  /** Every TextBlock's text, in reading order (containers and columns included). */
  readonly texts: readonly string[];
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly inputs: readonly CardInput[];
  /** Inline ActionSets first where they appear in the body, then the card's own actions. */
  readonly buttons: readonly CardButton[];
}

export interface RenderedText {
  readonly text: string;
  readonly buttons: readonly CardButton[];
}

type Json = Readonly<Record<string, unknown>>;

function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** The Adaptive Cards attached to an outgoing activity. */
export function adaptiveCardsOf(activity: unknown): Json[] {
  return asArray(asRecord(activity)?.attachments)
    .map(asRecord)
    .filter((attachment): attachment is Json => attachment?.contentType === ADAPTIVE_CARD_CONTENT_TYPE)
    .map((attachment) => asRecord(attachment.content))
    .filter((content): content is Json => content !== undefined);
}

/** The text of an outgoing activity, or undefined when it has none (a card alone). */
export function textOf(activity: unknown): string | undefined {
  return asString(asRecord(activity)?.text);
}

/** The texts of a list of outgoing activities, skipping those without text. */
export function textsOf(activities: readonly unknown[]): string[] {
  return activities.map(textOf).filter((text): text is string => text !== undefined);
}

/** The cards of a list of outgoing activities, in order. */
export function cardsOf(activities: readonly unknown[]): Json[] {
  return activities.flatMap(adaptiveCardsOf);
}

/** Walks a card's body and actions in reading order. */
export function readCard(card: unknown): CardSummary {
  const texts: string[] = [];
  const facts: Array<{ title: string; value: string }> = [];
  const inputs: CardInput[] = [];
  const buttons: CardButton[] = [];
  const visit = (element: Json) => {
    const type = asString(element.type) ?? '';
    if (type === 'TextBlock') {
      const text = asString(element.text);
      if (text !== undefined) texts.push(text);
    } else if (type === 'RichTextBlock') {
      texts.push(richText(element));
    } else if (type === 'FactSet') {
      for (const fact of asArray(element.facts).map(asRecord)) {
        if (fact) facts.push({ title: asString(fact.title) ?? '', value: asString(fact.value) ?? '' });
      }
    } else if (type.startsWith('Input.')) {
      inputs.push(inputOf(element, type));
    } else if (type === 'ActionSet') {
      for (const action of asArray(element.actions).map(asRecord)) if (action) buttons.push(buttonOf(action, buttons.length + 1));
    }
    for (const child of childrenOf(element)) visit(child);
  };
  const root = asRecord(card);
  for (const element of asArray(root?.body).map(asRecord)) if (element) visit(element);
  for (const action of asArray(root?.actions).map(asRecord)) if (action) buttons.push(buttonOf(action, buttons.length + 1));
  return { title: texts[0], texts, facts, inputs, buttons };
}

/** Nested elements: Container items, ColumnSet columns and their items. */
function childrenOf(element: Json): Json[] {
  const nested = [...asArray(element.items), ...asArray(element.columns)];
  return nested.map(asRecord).filter((child): child is Json => child !== undefined);
}

function richText(element: Json): string {
  return asArray(element.inlines)
    .map((inline) => asString(inline) ?? asString(asRecord(inline)?.text) ?? '')
    .join('');
}

function inputOf(element: Json, type: string): CardInput {
  const choices = asArray(element.choices)
    .map(asRecord)
    .filter((choice): choice is Json => choice !== undefined)
    .map((choice) => ({ title: asString(choice.title) ?? '', value: asString(choice.value) ?? '' }));
  return {
    type,
    id: asString(element.id) ?? '',
    label: asString(element.label) ?? asString(element.title),
    placeholder: asString(element.placeholder),
    choices,
  };
}

function buttonOf(action: Json, number: number): CardButton {
  return {
    number,
    title: asString(action.title) ?? '',
    type: asString(action.type) ?? '',
    data: action.data,
    verb: asString(action.verb),
    url: asString(action.url),
    card: action.card,
  };
}

/** Renders a card as indented lines; buttons are numbered from `firstButton` so several cards can share a counter. */
export function renderCard(card: unknown, firstButton = 1): RenderedText {
  const lines: string[] = [];
  const buttons: CardButton[] = [];
  const addButton = (action: Json, indent: string) => {
    const button = buttonOf(action, firstButton + buttons.length);
    buttons.push(button);
    lines.push(`${indent}${buttonLabel(button)}`);
  };
  const render = (element: Json, indent: string) => {
    const type = asString(element.type) ?? '';
    switch (true) {
      case type === 'TextBlock': {
        const text = asString(element.text) ?? '';
        const heading = element.style === 'heading' || (element.weight === 'bolder' && isLarge(element.size));
        const shown = heading ? `== ${text} ==` : element.weight === 'bolder' ? `*${text}*` : text;
        for (const line of shown.split('\n')) lines.push(`${indent}${line}`);
        break;
      }
      case type === 'RichTextBlock':
        lines.push(`${indent}${richText(element)}`);
        break;
      case type === 'FactSet':
        for (const fact of asArray(element.facts).map(asRecord)) {
          if (fact) lines.push(`${indent}${asString(fact.title) ?? ''}: ${asString(fact.value) ?? ''}`);
        }
        break;
      case type === 'Image':
        lines.push(`${indent}[image${element.altText ? `: ${asString(element.altText) ?? ''}` : ''}]`);
        break;
      case type.startsWith('Input.'):
        lines.push(`${indent}${inputLabel(inputOf(element, type))}`);
        break;
      case type === 'ActionSet':
        for (const action of asArray(element.actions).map(asRecord)) if (action) addButton(action, indent);
        break;
      case type === 'Container' || type === 'Column':
        for (const child of childrenOf(element)) render(child, `${indent}  `);
        break;
      case type === 'ColumnSet':
        for (const column of childrenOf(element)) render(column, indent);
        break;
      default:
        lines.push(`${indent}[${type || 'unknown element'}]`);
    }
  };
  const root = asRecord(card);
  for (const element of asArray(root?.body).map(asRecord)) if (element) render(element, '');
  for (const action of asArray(root?.actions).map(asRecord)) if (action) addButton(action, '');
  return { text: lines.join('\n'), buttons };
}

function isLarge(size: unknown): boolean {
  return size === 'medium' || size === 'large' || size === 'extraLarge';
}

function inputLabel(input: CardInput): string {
  const parts = [`[${input.type} ${input.id}]`];
  if (input.label) parts.push(input.label);
  if (input.placeholder) parts.push(`(${input.placeholder})`);
  if (input.choices.length > 0) parts.push(`choices: ${input.choices.map((c) => `${c.title} = ${c.value}`).join(', ')}`);
  return parts.join(' ');
}

function buttonLabel(button: CardButton): string {
  const suffix =
    button.type === 'Action.OpenUrl' && button.url ? ` -> ${button.url}` : button.type === 'Action.ShowCard' ? ' (shows more)' : '';
  return `[${button.number}] ${button.title}${suffix}`;
}

/** Renders an outgoing activity: its text, then each attachment (Adaptive Cards as text, others by type). */
export function renderActivity(activity: unknown, firstButton = 1): RenderedText {
  const record = asRecord(activity);
  const parts: string[] = [];
  const buttons: CardButton[] = [];
  const text = textOf(activity);
  if (text) parts.push(text);
  for (const attachment of asArray(record?.attachments).map(asRecord)) {
    if (!attachment) continue;
    if (attachment.contentType === ADAPTIVE_CARD_CONTENT_TYPE) {
      const rendered = renderCard(attachment.content, firstButton + buttons.length);
      parts.push(rendered.text);
      buttons.push(...rendered.buttons);
    } else {
      parts.push(`[attachment ${asString(attachment.contentType) ?? 'of unknown type'}]`);
    }
  }
  if (parts.length === 0 && record?.type !== 'message') parts.push(`[${asString(record?.type) ?? 'activity'}]`);
  return { text: parts.join('\n'), buttons };
}
