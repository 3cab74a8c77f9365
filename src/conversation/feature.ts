import { cardActionSchema, type CardVerb } from '../../cards/actions';
import type { PersonalDataHolder } from '../domain/personal-data';
import type { OutboxKind } from '../domain/outbox/outbox-item';
import { INTENTS } from '../understanding/intents';
import type { Dialog } from './dialog';
import type { FileHandler, IntentTable, VerbTable } from './router';

/** What an HTTP route answers, edge-neutral: the web server writes it. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Text, or bytes as given (a body the route compressed itself, with its Content-Encoding header). */
  readonly body: string | Uint8Array;
}

/** What a route is told of its request besides the path's parameters, edge-neutral and not yet trusted. */
export interface HttpRequest {
  /** The query string's parameters (the first value of each). */
  readonly query: Readonly<Record<string, string>>;
  /** Header values by lower-case name (repeated headers joined with ", "). */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body, parsed; undefined for any other content type or none. */
  readonly body: unknown;
}

/** A route a feature serves besides /api/messages (calendar files, the tab…). */
export interface HttpRoute {
  readonly method: 'GET' | 'POST';
  /** A restify path, e.g. "/calendar/:file". */
  readonly path: string;
  handle(params: Readonly<Record<string, string>>, request: HttpRequest): Promise<HttpAnswer>;
}

/**
 * One capability of certibot, as the composition root lists it: everything it adds to the bot. A new feature is a
 * folder in src/features with an index.ts that builds one of these; nothing else is wired by hand.
 */
export interface Feature {
  readonly name: string;
  readonly intents?: Partial<IntentTable>;
  readonly verbs?: Partial<VerbTable>;
  readonly dialogs?: readonly Dialog[];
  /** Where it keeps personal data, for "delete my data". */
  readonly personalData?: readonly PersonalDataHolder[];
  readonly routes?: readonly HttpRoute[];
  /** The outbox kinds it stores, for its own notifications and follow-ups. */
  readonly outboxKinds?: readonly OutboxKind[];
  /** Certificate files attached to a message (one feature at most reads them). */
  readonly files?: FileHandler;
}

/** The features put together: complete tables, every dialog, every holder and route. */
export interface AssembledFeatures {
  readonly intents: IntentTable;
  readonly verbs: VerbTable;
  readonly dialogs: readonly Dialog[];
  readonly personalData: readonly PersonalDataHolder[];
  readonly routes: readonly HttpRoute[];
  readonly files: FileHandler | undefined;
}

/** Features that do not fit together: a start-up error naming what is missing or twice. */
export class FeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureError';
  }
}

/** Every card verb the schema accepts; 'intent.choose' is the router's own. */
export const HANDLED_VERBS: readonly CardVerb[] = cardActionSchema.options
  .map((option) => option.shape.verb.value as CardVerb)
  .filter((verb) => verb !== 'intent.choose');

/** Merges named entries, refusing a name two features claim. */
function merge<T>(kind: string, parts: ReadonlyArray<{ readonly feature: string; readonly entries: Readonly<Record<string, T>> | undefined }>): Map<string, T> {
  const merged = new Map<string, T>();
  const owner = new Map<string, string>();
  for (const { feature, entries } of parts) {
    for (const [name, value] of Object.entries(entries ?? {})) {
      if (owner.has(name)) throw new FeatureError(`The ${kind} "${name}" is handled by both ${owner.get(name)} and ${feature}.`);
      owner.set(name, feature);
      merged.set(name, value);
    }
  }
  return merged;
}

/**
 * Puts features together for the router and the server. Every intent and every card verb must have exactly one
 * handler, every dialog a distinct id: a gap or a clash stops the start rather than leaving a button that does nothing.
 */
export function assembleFeatures(features: readonly Feature[]): AssembledFeatures {
  const intents = merge('intent', features.map((f) => ({ feature: f.name, entries: f.intents })));
  const verbs = merge('card verb', features.map((f) => ({ feature: f.name, entries: f.verbs })));
  const missingIntents = INTENTS.filter((intent) => !intents.has(intent));
  const missingVerbs = HANDLED_VERBS.filter((verb) => !verbs.has(verb));
  if (missingIntents.length > 0 || missingVerbs.length > 0) {
    throw new FeatureError(`No feature handles ${[...missingIntents.map((i) => `intent ${i}`), ...missingVerbs.map((v) => `verb ${v}`)].join(', ')}.`);
  }
  const dialogs = features.flatMap((f) => f.dialogs ?? []);
  merge('dialog', features.map((f) => ({ feature: f.name, entries: Object.fromEntries((f.dialogs ?? []).map((d) => [d.id, d])) })));
  const files = features.filter((f) => f.files);
  if (files.length > 1) throw new FeatureError(`Certificate files are read by both ${files.map((f) => f.name).join(' and ')}.`);
  return {
    intents: Object.fromEntries(intents) as unknown as IntentTable,
    verbs: Object.fromEntries(verbs) as unknown as VerbTable,
    dialogs,
    personalData: features.flatMap((f) => f.personalData ?? []),
    routes: features.flatMap((f) => f.routes ?? []),
    files: files[0]?.files,
  };
}
