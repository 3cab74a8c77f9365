import { click, executeAction, message, newUserId } from '../harness/activities';
import { harnessPerSuite, type BotHarness } from '../harness/bot-harness';
import { readCard } from '../harness/card-text';
import { nimesCertificate, targetOf } from './flow-fixtures';

/**
 * Lists that grow are paged: a register of 40 certificates (≈ 2 KB of card each) would pass Teams' message limit,
 * which the loopback connector enforces (413). « mes certificats » shows a page, with « Suivants / Précédents »
 * (Universal Actions, the page number in their data, checked), and so do a certificate's destinations.
 */
let harness: BotHarness;
harnessPerSuite((started) => (harness = started), { env: { REMINDER_TICK_SECONDS: '3600' } });

const LABEL = (i: number) => `Certificat n°${String(i + 1).padStart(2, '0')} – CHU de Nîmes, site Carémeau [GHT Cévennes-Gard-Camargue] — serveur ${i}`;
const pageOf = (turn: { json: unknown }) => readCard((turn.json as { value: unknown }).value);
const labelsOn = (card: ReturnType<typeof readCard> | undefined) => (card?.texts ?? []).filter((text) => text.startsWith('Certificat n°'));

async function ownerOf(count: number) {
  const chat = harness.personalChat({ locale: 'fr-FR', userName: 'Camille Martin' });
  await harness.send(message(chat, 'bonjour'));
  const now = harness.clock.now();
  for (let i = 0; i < count; i += 1) {
    const expiryDate = `2027-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    await harness.app.store.reminders.create(nimesCertificate(chat.user.id, now, { label: LABEL(i), expiryDate }), [targetOf(chat)], now);
  }
  return chat;
}

describe('« mes certificats » pages a long register', () => {
  it('40 certificates: the first 8 and « Suivants » to the next page; every page goes through', async () => {
    const chat = await ownerOf(40);

    const first = await harness.send(message(chat, 'mes certificats'));

    expect(first.status).toBe(200);
    expect(first.calls.map((call) => call.status)).toEqual([200]);
    const card = first.cards[0];
    expect(labelsOn(card)).toHaveLength(8);
    expect(card?.texts).toContain('1 à 8 sur 40');
    expect(card?.buttons.map((b) => b.title)).not.toContain('◀ Précédents');
    const seen = new Set(labelsOn(card));
    let next = card?.buttons.find((b) => b.title === 'Suivants ▶');
    for (let page = 2; next; page += 1) {
      expect(next.type).toBe('Action.Execute');
      const turn = await harness.send(click(chat, next));
      // The next page replaces the card on the clicker's screen: nothing is posted.
      expect(turn.replies).toEqual([]);
      const shown = pageOf(turn);
      for (const label of labelsOn(shown)) seen.add(label);
      expect(shown.texts).toContain(`${(page - 1) * 8 + 1} à ${Math.min(page * 8, 40)} sur 40`);
      next = shown.buttons.find((b) => b.title === 'Suivants ▶');
      if (!next) expect(shown.buttons.map((b) => b.title)).toContain('◀ Précédents');
    }
    expect(seen.size).toBe(40);
  });

  it('a page past the end (the list shrank) shows the last page; a page number that is not one is refused, to the clicker', async () => {
    const chat = await ownerOf(10);
    expect(pageOf(await harness.send(executeAction(chat, { verb: 'register.page', data: { verb: 'register.page', page: 7 } }))).texts).toContain('9 à 10 sur 10');
    for (const page of [-1, 1.5, '2', null]) {
      const refused = await harness.send(executeAction(chat, { verb: 'register.page', data: { verb: 'register.page', page } }));
      expect((refused.json as { type: string }).type).toBe('application/vnd.microsoft.error');
    }
  });

  it('a short register has no pager', async () => {
    const chat = await ownerOf(3);
    const list = await harness.send(message(chat, 'mes certificats'));
    expect(labelsOn(list.cards[0])).toHaveLength(3);
    expect(list.cards[0]?.buttons.map((b) => b.title)).not.toContain('Suivants ▶');
  });
});

describe('a certificate\'s destinations are paged too', () => {
  it('25 destinations: 10 a page, the page in the data, owners only', async () => {
    const chat = await ownerOf(1);
    const [summary] = await harness.app.store.reminders.listForUser(chat.user.id, harness.clock.now());
    const certificateId = summary?.certificate.id ?? '';
    for (let i = 0; i < 24; i += 1) {
      const channel = harness.teamChannel({ locale: 'fr-FR' });
      await harness.send(message(channel, 'bonjour'));
      await harness.app.store.reminders.addTarget({ certificateId, conversationId: channel.conversationId, kind: 'channel', userId: undefined }, harness.clock.now());
    }
    const open = { verb: 'register.targets', data: { verb: 'register.targets', certificate: certificateId } };

    const first = pageOf(await harness.send(executeAction(chat, open)));
    expect(first.texts.filter((text) => text === 'Un canal Teams' || text.startsWith('Votre conversation'))).toHaveLength(10);
    expect(first.texts).toContain('1 à 10 sur 25');
    const last = pageOf(await harness.send(click(chat, first.buttons.find((b) => b.title === 'Suivants ▶') ?? { type: 'none', data: {} })));
    expect(last.texts).toContain('11 à 20 sur 25');

    const stranger = await harness.send(executeAction(harness.personalChat({ userId: newUserId() }), { verb: 'register.targets', data: { ...open.data, page: 1 } }));
    expect((stranger.json as { value: { message: string } }).value.message).toBe("Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié.");
  });
});
