import { click, installationUpdate, message } from '../../harness/activities';
import { harnessPerSuite, type BotHarness } from '../../harness/bot-harness';
import { readCard } from '../../harness/card-text';
import { nimesCertificate, targetOf } from '../../reminders-flow/flow-fixtures';

/** « échéances » / "upcoming expiries": what a channel or group chat will be reminded of, soonest first, paged. */
let harness: BotHarness;
harnessPerSuite((started) => (harness = started), { env: { REMINDER_TICK_SECONDS: '3600' } });

async function channelWith(certificates: ReadonlyArray<{ label: string; expiryDate: string; thresholds?: number[] }>) {
  const camille = harness.personalChat({ locale: 'fr-FR' });
  await harness.send(message(camille, 'bonjour'));
  const channel = harness.teamChannel({ locale: 'fr-FR' });
  await harness.send(installationUpdate(channel, 'add'));
  const now = harness.clock.now();
  for (const { label, expiryDate, thresholds } of certificates) {
    const certificate = nimesCertificate(camille.user.id, now, { label, expiryDate, ...(thresholds ? { thresholds } : {}) });
    await harness.app.store.reminders.create(certificate, [targetOf(camille), targetOf(channel)], now);
  }
  // Reminded elsewhere only: not this channel's business.
  await harness.app.store.reminders.create(nimesCertificate(camille.user.id, now, { label: 'Ailleurs', expiryDate: '2025-06-10' }), [targetOf(camille)], now);
  return channel;
}

describe('a conversation\'s coming expiries', () => {
  it('lists the certificates reminded here, soonest expiry first, with the next reminder here; nothing else', async () => {
    const channel = await channelWith([
      { label: 'MSSanté – site de Nîmes', expiryDate: '2025-09-30' },
      { label: 'INSi – GHT', expiryDate: '2025-06-20' },
      { label: 'DMP (rappels arrêtés)', expiryDate: '2026-01-15', thresholds: [] },
    ]);

    const turn = await harness.send(message(channel, 'échéances'));

    const card = turn.cards[0];
    expect(card?.title).toBe('Prochaines échéances');
    expect(card?.texts).toEqual([
      'Prochaines échéances',
      'INSi – GHT',
      'Expire le 20 juin 2025 (dans 18 jours)',
      'Prochain rappel ici : 6 juin 2025',
      'MSSanté – site de Nîmes',
      'Expire le 30 septembre 2025 (dans 120 jours)',
      'Prochain rappel ici : 2 juillet 2025',
      'DMP (rappels arrêtés)',
      'Expire le 15 janvier 2026 (dans 227 jours)',
      'Aucun rappel à venir ici',
      'Pour gérer un certificat, son responsable dit « mes certificats ».',
    ]);
    expect(card?.buttons).toEqual([]);
  });

  it('pages a long list with « Suivants / Précédents », the next page shown to the clicker alone', async () => {
    const channel = await channelWith(Array.from({ length: 20 }, (_, i) => ({ label: `Certificat ${String(i + 1).padStart(2, '0')}`, expiryDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-10` })));

    const first = await harness.send(message(channel, 'upcoming expiries', { locale: 'en-GB' }));
    expect(first.cards[0]?.texts).toContain('1 to 15 of 20');
    const next = first.cards[0]?.buttons.find((b) => b.title === 'Next ▶');
    const second = await harness.send(click(channel, next ?? { type: 'none', data: {} }, {}, { locale: 'en-GB' }));

    expect(second.replies).toEqual([]);
    expect(readCard((second.json as { value: unknown }).value).texts).toContain('16 to 20 of 20');
  });

  it('in a group chat with nothing reminded, says how to get reminders there', async () => {
    const turn = await harness.send(message(harness.groupChat({ locale: 'fr-FR' }), 'prochaines échéances'));
    expect(turn.cards[0]?.texts).toContain(
      "Aucun certificat n'est rappelé ici. Le responsable d'un certificat peut dire « rappels ici » dans cette conversation pour y recevoir ses rappels.",
    );
  });
});
