import rawKnowledge from '../../src/knowledge/knowledge-base.json';
import { KnowledgeError, loadKnowledge, parseKnowledge } from '../../src/knowledge/load-knowledge';
import { TOPIC_IDS } from '../../src/domain/knowledge';

const clone = (): typeof rawKnowledge => JSON.parse(JSON.stringify(rawKnowledge)) as typeof rawKnowledge;

describe('the knowledge base', () => {
  it('loads with every topic, five sharing rules and the sheet as primary source', () => {
    const kb = loadKnowledge();
    expect([...kb.topics.keys()].sort()).toEqual([...TOPIC_IDS].sort());
    expect(kb.sharingRules.map((r) => r.id)).toEqual([
      'hopital-public',
      'hopital-dialyse',
      'hopital-prive',
      'medico-social-organisme-gestionnaire',
      'groupe-plusieurs-entites',
    ]);
    expect(kb.sources.get('fiche')?.kind).toBe('primary');
  });

  it('keeps the sheet\'s figures: 3 years, one month and 60 days from their own sources', () => {
    const kb = loadKnowledge();
    expect(kb.topics.get('validity')?.short.fr).toContain('3 ans');
    const notice = kb.topics.get('notice');
    expect(notice?.conflicts.map((c) => [c.source, c.claim.fr])).toEqual([
      ['fiche', 'notification **un mois** avant l\'expiration'],
      ['faq-ans', 'notification **60 jours** avant l\'expiration'],
    ]);
    expect(kb.topics.get('contacts')?.short.fr).toContain('ans-certificats@esante.gouv.fr');
    expect(kb.topics.get('contacts')?.short.fr).toContain('acssi@esante-occitanie.fr');
  });

  it('refuses a rule citing an undeclared source', () => {
    const doc = clone();
    doc.sharingRules[0]!.sources = ['nowhere'];
    expect(() => parseKnowledge(doc)).toThrow(new KnowledgeError('Knowledge base invalid: rule hopital-public cites unknown source "nowhere".'));
  });

  it('refuses a missing English wording, naming where', () => {
    const doc = clone();
    (doc.topics[0]!.short as { en: string }).en = '  ';
    expect(() => parseKnowledge(doc)).toThrow(/Knowledge base invalid at topics\.0\.short\.en/);
  });

  it('refuses a dated rule that does not say what is known after its date', () => {
    const doc = clone();
    (doc.sharingRules[2] as { afterExpiry: unknown }).afterExpiry = null;
    expect(() => parseKnowledge(doc)).toThrow(/dated rule hopital-prive must say what is known after its date/);
  });

  it('refuses two rules for the same corridor and structure', () => {
    const doc = clone();
    doc.sharingRules.push({ ...doc.sharingRules[0]!, id: 'copy' });
    expect(() => parseKnowledge(doc)).toThrow(/two sharing rules for hopital\/public/);
  });

  it('refuses a missing topic', () => {
    const doc = clone();
    doc.topics = doc.topics.filter((t) => t.id !== 'renewal');
    expect(() => parseKnowledge(doc)).toThrow(/topic\(s\) missing: renewal/);
  });

  it('refuses a conflict with one side only', () => {
    const doc = clone();
    const notice = doc.topics.find((t) => t.id === 'notice')!;
    notice.conflicts = notice.conflicts.slice(0, 1);
    expect(() => parseKnowledge(doc)).toThrow(/conflict with one side only/);
  });
});
