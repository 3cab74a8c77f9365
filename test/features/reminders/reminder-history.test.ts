import { historyView, MAX_PAST } from '../../../src/features/reminders/reminder-history';
import { parisInstant } from '../../../src/domain/civil-date';
import { historyFixture } from '../../fixtures/reminder-history';

describe('the reminder history, as an owner reads it', () => {
  test('upcoming soonest first; past most recent first, with who acknowledged and why one was not delivered', () => {
    const view = historyView(historyFixture('fr'));
    expect(view.upcoming.map((line) => `${line.title} — ${line.status}`)).toEqual([
      '13 février 2027 · J-30 · votre conversation — prévu',
      '1er mars 2027 · J-14 · votre conversation — nouvel essai le 1er mars 2027 à 10:00',
    ]);
    expect(view.past.map((line) => `${line.title} — ${line.status}`)).toEqual([
      "14 janvier 2027 · J-60 · canal — en attente : destination injoignable (certibot y a été bloqué, ou la stratégie de votre organisation l'y interdit)",
      '14 janvier 2027 · J-60 · votre conversation — envoyé le 14 janvier 2027, pris en compte par vous le 14 janvier 2027',
      "15 décembre 2026 · J-90 · canal — non remis : certibot y a été bloqué, ou la stratégie de votre organisation l'y interdit",
      '15 décembre 2026 · J-90 · votre conversation — envoyé le 15 décembre 2026, pris en compte par Dominique Bernard le 16 décembre 2026',
      '15 décembre 2026 · Alerte : destination injoignable · votre conversation — envoyé le 15 décembre 2026 à 09:00',
      '8 mars 2024 · J-7 · votre conversation (expiration précédente : 15 mars 2024) — annulé : certificat renouvelé',
    ]);
    expect(view.past.map((line) => line.tone)).toEqual(['attention', 'good', 'attention', 'good', 'neutral', 'neutral']);
    expect(view).toMatchObject({ label: 'MSSanté – site de Nîmes', expiry: '15 mars 2027', targets: 2, older: 0 });
  });

  test('in English, with a colleague who left no name', () => {
    const context = historyFixture('en');
    const deliveries = context.deliveries.map((d) => (d.id === 'd90-me' ? { ...d, acknowledgedByName: undefined } : d));
    const view = historyView({ ...context, deliveries });
    expect(view.past.map((line) => line.status)).toContain('sent on 15 December 2026, acknowledged by a member of the conversation on 16 December 2026');
    expect(view.upcoming[0]?.title).toBe('13 February 2027 · D-30 · your chat');
  });

  test('a reminder cancelled before its time is not history; a long history is cut and says how much', () => {
    const context = historyFixture('fr');
    const base = context.deliveries.find((d) => d.id === 'd30-me');
    if (!base) throw new Error('fixture');
    const cancelled = { ...base, id: 'x', status: 'skipped' as const, lastError: 'unplanned' };
    const weekly = Array.from({ length: MAX_PAST + 4 }, (_, i) => ({
      ...base,
      id: `w${i + 1}`,
      threshold: `w${i + 1}` as const,
      dueAt: parisInstant('2026-01-01', 9 + (i % 10)),
      status: 'sent' as const,
      sentAt: parisInstant('2026-01-01', 9),
    }));
    const view = historyView({ ...context, deliveries: [cancelled, ...weekly] });
    expect(view.upcoming).toEqual([]);
    expect(view.past).toHaveLength(MAX_PAST);
    expect(view.older).toBe(4);
  });
});
