import { z } from 'zod';

/*
 * Optional fields are absent or of their type, never null nor another type: botbuilder copies `from`, `recipient`,
 * `conversation` and `locale` into every reply and its serialiser throws on a wrong type (the turn then fails with no
 * reply, or the request with a 500), and both botbuilder and certibot call string methods on the rest.
 *
 * Lengths are checked by refinements: zod 4's own min/max checks also run on a value whose type check failed, and
 * throw on an object whose `length` cannot be compared; a refinement runs only on a value of the right type.
 */

/** A string of at most `max` characters. */
const bounded = (max: number) => z.string().refine((value) => value.length <= max, `expected at most ${max} characters`);

/**
 * An id as Teams writes them (visible ASCII: "29:…", "19:…@thread.tacv2", digits, GUIDs). botbuilder puts the
 * conversation id in a request header and ids in URL paths, where control characters, other scripts or a lone
 * surrogate throw.
 */
const asciiId = (max: number) => z.string().regex(new RegExp(`^[\\x21-\\x7e]{1,${max}}$`), 'expected a Teams id');

/** A list of at most `max` items. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).refine((items) => items.length <= max, `expected at most ${max} items`);

/** Open-ended bags the reply serialiser accepts only as objects. */
const properties = z.record(z.string(), z.unknown()).optional();

/** An account as botbuilder serialises it in a reply, where the sender and the recipient swap places. */
const account = z
  .object({
    id: asciiId(256),
    name: bounded(512).optional(),
    aadObjectId: asciiId(128).optional(),
    role: bounded(64).optional(),
    properties,
  })
  .passthrough();

/** What certibot reads in Teams' channelData: the tenant, team and channel ids, stored with the conversation. */
const channelDataRef = z.object({ id: asciiId(1024).optional() }).passthrough().optional();

/**
 * botbuilder lower-cases every entity's type to find mentions, then reads who a mention names and strips its text
 * from the message: a mention without its `mentioned` account would fail the turn.
 */
const entity = z
  .object({ type: bounded(256), mentioned: z.object({}).passthrough().optional(), text: bounded(1024).optional() })
  .passthrough()
  .refine((value) => value.type.toLowerCase() !== 'mention' || value.mentioned !== undefined, 'a mention names who is mentioned');

/**
 * The least an incoming activity must carry for certibot to answer it, and the type of every field botbuilder or
 * certibot reads. Anything that fails this answers 400 before the bot framework sees it.
 */
export const incomingActivitySchema = z
  .object({
    type: asciiId(64),
    id: asciiId(256).optional(),
    name: bounded(256).optional(),
    action: bounded(64).optional(),
    channelId: asciiId(64),
    serviceUrl: z
      .string()
      .url()
      .refine((url) => url.length <= 2048 && /^https?:\/\//i.test(url), 'expected an http(s) URL'),
    conversation: account
      .extend({
        id: asciiId(1024),
        name: bounded(512).optional(),
        conversationType: bounded(64).optional(),
        tenantId: asciiId(128).optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    from: account,
    recipient: account,
    locale: bounded(64).optional(),
    text: bounded(100_000).optional(),
    textFormat: bounded(64).optional(),
    replyToId: asciiId(256).optional(),
    entities: list(entity, 100).optional(),
    attachments: list(z.object({}).passthrough(), 50).optional(),
    channelData: z
      .object({ tenant: channelDataRef, team: channelDataRef, channel: channelDataRef, eventType: bounded(128).optional() })
      .passthrough()
      .optional(),
    membersAdded: list(account, 1000).optional(),
    membersRemoved: list(account, 1000).optional(),
  })
  .passthrough();

/** Deeper than any activity Teams sends, shallow enough for recursive code (serialisers, loggers) to stay safe. */
const MAX_DEPTH = 64;

/**
 * Why a parsed JSON body must not reach the bot framework, or undefined when it may: nested deeper than any activity,
 * a NUL character (PostgreSQL cannot store one in text: the turn would fail after the message was taken), or an
 * object with a key of Object.prototype. Such a key as an own property breaks code that trusts it: `__proto__` and
 * `constructor` pollute what merges the object, and a `toString`, `valueOf` or `hasOwnProperty` that JSON makes a
 * string throws wherever the object is turned into text or a number, or asked for its own keys.
 */
export function unsafeJson(body: unknown): 'too deep' | 'NUL character' | 'prototype key' | undefined {
  // Iterative, so that the check itself cannot overflow the stack on a body nested thousands deep.
  const pending: Array<readonly [unknown, number]> = [[body, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as readonly [unknown, number];
    if (typeof value === 'string' && value.includes('\u0000')) return 'NUL character';
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return 'too deep';
    for (const [key, child] of Object.entries(value)) {
      if (!Array.isArray(value) && key in Object.prototype) return 'prototype key';
      if (key.includes('\u0000')) return 'NUL character';
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}
