import { z } from 'zod';
import { STRUCTURE_KINDS, TOPIC_IDS, type KnowledgeBase, type Source, type Topic, type TopicId } from '../domain/knowledge';
import rawKnowledge from './knowledge-base.json';

/** The knowledge base is malformed: certibot refuses to start rather than answer from broken rules. */
export class KnowledgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KnowledgeError';
  }
}

const text = z.object({ fr: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const sourceIds = z.array(z.string().min(1)).min(1);

const schema = z
  .object({
    version: z.string().min(1),
    sources: z.array(
      z
        .object({
          id: z.string().min(1),
          kind: z.enum(['primary', 'secondary']),
          title: text,
          published: isoDate.nullable(),
          note: text.nullable(),
          dating: z.object({ order: z.string().regex(/^\d{4}(-\d{2})?$/, 'expected YYYY or YYYY-MM'), text }).strict().nullable(),
        })
        .strict(),
    ),
    sharingRules: z.array(
      z
        .object({
          id: z.string().min(1),
          corridor: z.enum(['hopital', 'medico-social', 'any']),
          structure: z.enum(STRUCTURE_KINDS as unknown as [string, ...string[]]),
          pooling: z.enum(['allowed', 'forbidden']),
          perSite: z.enum(['optional', 'required']),
          validUntil: z.object({ date: isoDate, label: text }).strict().nullable(),
          sources: sourceIds,
          text,
          afterExpiry: z.object({ sources: sourceIds, text }).strict().nullable(),
        })
        .strict(),
    ),
    regionalContacts: z.array(
      z
        .object({
          region: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
          name: z.string().trim().min(1),
          email: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/),
          sources: sourceIds,
        })
        .strict(),
    ),
    topics: z.array(
      z
        .object({
          id: z.enum(TOPIC_IDS),
          short: text,
          details: z.array(text),
          sources: sourceIds,
          conflicts: z.array(z.object({ source: z.string().min(1), claim: text }).strict()),
          conflictAdvice: text.optional(),
          next: z.array(z.enum(['dates', 'reminder', 'support', 'sharing'])),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Validates a knowledge base document: shape, unique ids, every cited source declared, every topic present once,
 * one rule per structure and corridor, and a dated rule says what is known after its date.
 */
export function parseKnowledge(document: unknown): KnowledgeBase {
  const parsed = schema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnowledgeError(`Knowledge base invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}.`);
  }
  const kb = parsed.data;
  const sources = new Map<string, Source>();
  for (const source of kb.sources) {
    if (sources.has(source.id)) throw new KnowledgeError(`Knowledge base invalid: source "${source.id}" is declared twice.`);
    sources.set(source.id, source);
  }
  const cite = (ids: readonly string[], where: string) => {
    for (const id of ids) if (!sources.has(id)) throw new KnowledgeError(`Knowledge base invalid: ${where} cites unknown source "${id}".`);
  };
  const ruleKeys = new Set<string>();
  for (const rule of kb.sharingRules) {
    cite(rule.sources, `rule ${rule.id}`);
    if (rule.afterExpiry) cite(rule.afterExpiry.sources, `rule ${rule.id}`);
    if (rule.validUntil && !rule.afterExpiry) {
      throw new KnowledgeError(`Knowledge base invalid: dated rule ${rule.id} must say what is known after its date (afterExpiry).`);
    }
    const key = `${rule.corridor}/${rule.structure}`;
    if (ruleKeys.has(key)) throw new KnowledgeError(`Knowledge base invalid: two sharing rules for ${key}.`);
    ruleKeys.add(key);
  }
  for (const contact of kb.regionalContacts) cite(contact.sources, `regional contact ${contact.region}`);
  const topics = new Map<TopicId, Topic>();
  for (const topic of kb.topics) {
    if (topics.has(topic.id)) throw new KnowledgeError(`Knowledge base invalid: topic "${topic.id}" appears twice.`);
    cite(topic.sources, `topic ${topic.id}`);
    cite(
      topic.conflicts.map((c) => c.source),
      `topic ${topic.id}`,
    );
    if (topic.conflicts.length === 1) throw new KnowledgeError(`Knowledge base invalid: topic ${topic.id} has a conflict with one side only.`);
    topics.set(topic.id, topic as Topic);
  }
  const missing = TOPIC_IDS.filter((id) => !topics.has(id));
  if (missing.length > 0) throw new KnowledgeError(`Knowledge base invalid: topic(s) missing: ${missing.join(', ')}.`);
  return {
    version: kb.version,
    sources,
    sharingRules: kb.sharingRules as KnowledgeBase['sharingRules'],
    regionalContacts: kb.regionalContacts,
    topics,
  };
}

/** The knowledge base shipped with certibot, validated. */
export function loadKnowledge(): KnowledgeBase {
  return parseKnowledge(rawKnowledge);
}
