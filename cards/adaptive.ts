/**
 * The subset of Adaptive Cards 1.5 that certibot's cards use, typed so that a card builder cannot emit an element
 * Teams would not render. Cards are plain data: nothing here knows the bot framework.
 */
import { escapeMarkdown, unescapeMarkdown } from '../src/domain/user-text';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';
/** The schema that defines Input.ChoiceSet's `choices.data` (Data.Query: the Teams people picker). */
export const DATA_QUERY_CARD_VERSION = '1.6';

export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap?: boolean;
  readonly size?: TextSize;
  readonly weight?: TextWeight;
  readonly color?: TextColor;
  readonly isSubtle?: boolean;
  readonly spacing?: 'none' | 'small' | 'default' | 'medium' | 'large';
  readonly separator?: boolean;
  readonly style?: 'default' | 'heading';
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: ReadonlyArray<{ readonly title: string; readonly value: string }>;
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  readonly separator?: boolean;
  readonly spacing?: 'none' | 'small' | 'default' | 'medium' | 'large';
}

export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardActionElement[];
}

/** A text field; its value comes back in the submitted action's data under `id`. */
export interface InputText {
  readonly type: 'Input.Text';
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly maxLength?: number;
  readonly isMultiline?: boolean;
  readonly isRequired?: boolean;
  /** Checked by the client before it sends anything (the bot checks again); shown with `errorMessage`. */
  readonly regex?: string;
  readonly errorMessage?: string;
}

export interface InputDate {
  readonly type: 'Input.Date';
  readonly id: string;
  readonly label: string;
  readonly value?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
}

export interface InputChoiceSet {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly choices: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  readonly value?: string;
  readonly style?: 'compact' | 'expanded';
  readonly isMultiSelect?: boolean;
  readonly placeholder?: string;
  /** Teams people picker: choices searched in the organisation's directory; the value is an Entra object id. */
  readonly 'choices.data'?: { readonly type: 'Data.Query'; readonly dataset: 'graph.microsoft.com/users' };
}

export type CardInput = InputText | InputDate | InputChoiceSet;

export type CardElement = TextBlock | FactSet | Container | ActionSet | CardInput;

/** What a button sends back: a verb and ids only, never the object it acts on. */
export type ActionData = Readonly<{ verb: string } & Record<string, string | number | boolean>>;

export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly data: ActionData;
  readonly style?: 'default' | 'positive' | 'destructive';
}

export interface ExecuteAction {
  readonly type: 'Action.Execute';
  readonly title: string;
  readonly verb: string;
  readonly data: ActionData;
  readonly style?: 'default' | 'positive' | 'destructive';
  /** For clients without Universal Actions: the same verb and ids as a plain submit. */
  readonly fallback?: SubmitAction;
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

export type CardActionElement = SubmitAction | ExecuteAction | OpenUrlAction;

/**
 * Universal Actions' per-user views: the clients of `userIds` (Teams user ids, at most 60) send `action` when they show
 * the card, and show the card the bot answers instead — to that user only. Everyone else sees the card as posted.
 */
export interface CardRefresh {
  readonly action: { readonly type: 'Action.Execute'; readonly verb: string; readonly data: ActionData };
  readonly userIds: readonly string[];
}

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: typeof CARD_SCHEMA;
  readonly version: typeof CARD_VERSION | typeof DATA_QUERY_CARD_VERSION;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardActionElement[];
  readonly refresh?: CardRefresh;
  /** Plain text shown where the card cannot be rendered (notifications, old clients). */
  readonly fallbackText?: string;
  readonly msteams?: { readonly width?: 'Full' };
}

/**
 * A card. Its text blocks are Markdown (user text in them arrives escaped by the translator); its fallback text, like
 * button titles, is shown as plain text, so it is given without those escapes.
 */
export function card(
  body: readonly CardElement[],
  actions: readonly CardActionElement[],
  fallbackText: string,
  options: { readonly refresh?: CardRefresh | undefined } = {},
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    // A card declares the schema it needs: the people picker's Data.Query is 1.6; everything else is 1.5.
    version: usesDataQuery(body) ? DATA_QUERY_CARD_VERSION : CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(options.refresh && options.refresh.userIds.length > 0 ? { refresh: options.refresh } : {}),
    fallbackText: unescapeMarkdown(fallbackText),
  };
}

function usesDataQuery(elements: readonly CardElement[]): boolean {
  return elements.some((element) => (element.type === 'Container' ? usesDataQuery(element.items) : element.type === 'Input.ChoiceSet' && element['choices.data'] !== undefined));
}

/** User text placed in a text block as it is, not through a message: escaped like message arguments. */
export function userText(value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return text(escapeMarkdown(value), options);
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { size: 'medium', weight: 'bolder', style: 'heading' });
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title: unescapeMarkdown(title), url };
}

/** A Universal Action (card updated in place), with an Action.Submit fallback carrying the same data. */
export function execute(title: string, data: ActionData, style?: ExecuteAction['style']): ExecuteAction {
  return { type: 'Action.Execute', title: unescapeMarkdown(title), verb: String(data.verb), data, ...(style ? { style } : {}), fallback: submit(title, data, style) };
}

export function submit(title: string, data: ActionData, style?: SubmitAction['style']): SubmitAction {
  return { type: 'Action.Submit', title: unescapeMarkdown(title), data, ...(style ? { style } : {}) };
}
