import { CORRIDORS, STRUCTURE_KINDS, type Corridor, type StructureKind } from '../src/domain/knowledge';
import { CERTIFICATE_SCOPES, type CertificateScope, type Usage } from '../src/domain/reminders/certificate';
import type { Translate } from '../src/messages/translator';
import { card, execute, heading, text, type AdaptiveCard, type CardElement, type InputChoiceSet } from './adaptive';

/**
 * What the client lets through as a FINESS: empty, or 9 characters (2A/2B for Corsica) with spaces, dots or dashes
 * between digits, as checkFiness reads them. The key is the bot's to check.
 */
export const FINESS_INPUT_PATTERN = '^\\s*(([0-9]{2}|2[AaBb])([ .-]*[0-9]){7})?\\s*$';

export interface RegisterFormView {
  /** Pre-filled expiry (YYYY-MM-DD), e.g. from a timeline card or the certificate being edited. */
  readonly expiry?: string | undefined;
  readonly label?: string | undefined;
  /** As shown to people, e.g. "01 078 091 4". */
  readonly finess?: string | undefined;
  readonly usage?: Usage | undefined;
  readonly corridor?: Corridor | undefined;
  readonly structure?: StructureKind | undefined;
  readonly scope?: CertificateScope | undefined;
  /** Set when the form edits a registered certificate: its submit then carries this id. */
  readonly certificateId?: string | undefined;
}

export interface RegisterChoice {
  readonly title: string;
  readonly value: string;
}

/** The form's choice lists in the reader's language; also how a stored value is named back to them. */
export function registerChoices(tr: Translate): {
  readonly usage: readonly RegisterChoice[];
  readonly corridor: readonly RegisterChoice[];
  readonly structure: readonly RegisterChoice[];
  readonly scope: readonly RegisterChoice[];
} {
  return {
    usage: [
      { title: 'DMP', value: 'DMP' },
      { title: 'INSi', value: 'INSi' },
      { title: 'MSSanté', value: 'MSSante' },
      { title: tr('register.usage.other'), value: 'other' },
    ],
    corridor: CORRIDORS.map((corridor) => ({ title: tr(`register.corridor.${corridor}`), value: corridor })),
    structure: STRUCTURE_KINDS.map((structure) => ({ title: tr(`sharing.structure.${structure}`), value: structure })),
    scope: CERTIFICATE_SCOPES.map((scope) => ({ title: tr(`register.scope.${scope}`), value: scope })),
  };
}

function choiceSet(id: string, label: string, choices: readonly RegisterChoice[], value: string | undefined): InputChoiceSet {
  return { type: 'Input.ChoiceSet', id, label, style: 'compact', choices, ...(value ? { value } : {}) };
}

/**
 * Registers a certificate for reminders: label, expiry date, optional FINESS, usage, corridor, kind of structure and
 * FINESS level. Typing works too: the bot then asks the label, then the date. With a `certificateId` it is the
 * pre-filled form that edits that certificate.
 */
export function registerFormCard(view: RegisterFormView, tr: Translate): AdaptiveCard {
  const editing = view.certificateId !== undefined;
  const title = editing ? tr('register.editTitle', { label: view.label ?? '' }) : tr('register.title');
  const choices = registerChoices(tr);
  const prefilled = (value: string | undefined) => (value ? { value } : {});
  const body: CardElement[] = [
    heading(title),
    text(tr(editing ? 'register.editIntro' : 'register.intro')),
    {
      type: 'Input.Text',
      id: 'label',
      label: tr('register.field.label'),
      placeholder: tr('register.field.labelHint'),
      ...prefilled(view.label),
      maxLength: 120,
      isRequired: true,
      errorMessage: tr('register.error.label'),
    },
    { type: 'Input.Date', id: 'expiry', label: tr('register.field.expiry'), ...prefilled(view.expiry), isRequired: true, errorMessage: tr('register.error.expiry') },
    {
      type: 'Input.Text',
      id: 'finess',
      label: tr('register.field.finess'),
      placeholder: '01 078 091 4',
      ...prefilled(view.finess),
      maxLength: 20,
      regex: FINESS_INPUT_PATTERN,
      errorMessage: tr('register.error.finess'),
    },
    choiceSet('usage', tr('register.field.usage'), choices.usage, view.usage),
    choiceSet('corridor', tr('register.field.corridor'), choices.corridor, view.corridor),
    choiceSet('structure', tr('register.field.structure'), choices.structure, view.structure),
    choiceSet('scope', tr('register.field.scope'), choices.scope, view.scope),
    text(tr('register.scope.hint'), { isSubtle: true, size: 'small', spacing: 'none' }),
    // Typing the details step by step only applies to a new certificate.
    ...(editing ? [] : [text(tr('register.schedule'), { isSubtle: true, size: 'small' })]),
  ];
  // A Universal Action: a form the bot refuses (a bad FINESS, not an owner) is answered to the person who sent it.
  const action =
    view.certificateId !== undefined
      ? execute(tr('register.editSubmit'), { verb: 'register.submit', certificate: view.certificateId }, 'positive')
      : execute(tr('register.submit'), { verb: 'register.submit' }, 'positive');
  return card(body, [action], title);
}
