import { executeAction, message, newUserId, type TeamsChat } from '../harness/activities';
import { BotHarness, TestClock, type TurnResult } from '../harness/bot-harness';
import { connectorFailures } from '../../toolkit/fake-connector';

/**
 * « exporter les tickets » in a support channel: a form (period, state), then a CSV behind a link that expires like the
 * calendar links — each ticket with its whole thread, nothing a spreadsheet would run, an erased requester erased;
 * refused to whoever is not in the support team, and to impossible periods, with nothing issued.
 */
const ADMIN = '29:1support-admin';
const AGENT = { id: '29:1agent-dominique', name: 'Dominique Bernard' };
const DAY = 24 * 3600_000;

let harness: BotHarness;
let channel: TeamsChat;

const said = (turn: TurnResult) => [...turn.texts, ...turn.cards.flatMap((card) => [card.title ?? '', ...card.texts])].join('\n');
const invokeText = (turn: TurnResult) => JSON.stringify(turn.json);
const linksIssued = async () => (await harness.app.store.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM calendar_links'))[0]?.n ?? 0;

async function open(requester: TeamsChat, structure: string, description: string): Promise<string> {
  await harness.send(message(requester, 'bonjour'));
  await harness.send(
    executeAction(requester, { verb: 'ticket.submit', data: { verb: 'ticket.submit', topic: 'renewal', queue: 'ans', urgency: 'normal', structure, description, email: 'si@chu-nimes.fr' } }),
  );
  const [ticket] = await harness.app.store.tickets.forRequester(requester.user.id);
  return ticket?.id ?? '';
}
// People act a minute apart: the bot's clock moves on, as the send-rate buckets (7 messages a second to one
// conversation) expect.
const agent = (verb: string, data: Readonly<Record<string, string>>) => {
  harness.clock.advance(60_000);
  return harness.send(executeAction(channel, { verb, data: { verb, ...data } }, { from: AGENT }));
};
const exportAs = (data: Readonly<Record<string, string>>, from: { id: string; name: string } = AGENT) =>
  harness.send(executeAction(channel, { verb: 'support.export', data: { verb: 'support.export', ...data } }, { from }));
/** The link of an export answer card, and the CSV behind it (BOM removed, lines split on CRLF outside quotes). */
function linkOf(turn: TurnResult): string {
  const url = /"url":"([^"]+\.csv)"/.exec(invokeText(turn))?.[1];
  if (!url) throw new Error(`no export link in ${invokeText(turn)}`);
  return url;
}

beforeEach(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-02T09:00:00Z')), env: { SUPPORT_ADMIN_IDS: ADMIN, REMINDER_TICK_SECONDS: '3600' } });
  channel = harness.teamChannel({ userId: ADMIN, userName: 'Admin Support' });
  await harness.send(message(channel, 'support ici'));
  await harness.send(executeAction(channel, { verb: 'support.queue', data: { verb: 'support.queue', queue: 'ans' } }));
});
afterEach(async () => harness.stop());

describe('« exporter les tickets »', () => {
  it('offers the form in the support channel, for the last 30 days by default; elsewhere says no queue is worked there', async () => {
    harness.clock.set(new Date('2026-12-07T09:00:00Z'));
    const form = await harness.send(message(channel, 'exporter les tickets'));
    expect(form.cards[0]?.title).toBe('Exporter les tickets (CSV)');
    expect(JSON.stringify(form.replies)).toContain('"id":"from","label":"Ouverts à partir du","value":"2026-11-07"');
    expect(JSON.stringify(form.replies)).toContain('"id":"to","label":"Jusqu\'au","value":"2026-12-07"');
    const personal = harness.personalChat();
    expect(said(await harness.send(message(personal, 'export tickets')))).toContain('Ce canal ne traite aucune file');
  });

  it('gives a CSV of the period’s tickets with their whole thread, nothing a spreadsheet runs, erased requesters erased', async () => {
    const camille = harness.personalChat({ userName: 'Camille Martin' });
    const first = await open(camille, 'CH de Nîmes', 'Le renouvellement échoue depuis hier.');
    await agent('ticket.take', { ticket: first });
    await agent('ticket.reply', { ticket: first, text: 'Pouvez-vous vérifier l’administrateur ?' });
    await agent('ticket.note', { ticket: first, text: 'Rappeler le CH demain' });
    await agent('ticket.close', { ticket: first, text: 'Administrateur corrigé.' });
    harness.clock.advance(10 * DAY);
    const alex = harness.personalChat({ userName: 'Alex Durand' });
    await open(alex, '=HYPERLINK("https://evil.example";"x")', 'Une demande "entre guillemets"; avec séparateur.');
    await harness.app.store.tickets.eraseRequester(alex.user.id);
    harness.clock.advance(40 * DAY);
    const late = harness.personalChat({ userName: 'Late' });
    await open(late, 'CH de Sète', 'Hors de la période demandée.');

    const answer = await exportAs({ from: '2026-11-01', to: '2026-11-30', state: 'all' });
    expect(invokeText(answer)).toContain('2 tickets ouverts du 1er novembre 2026 au 30 novembre 2026 (tous)');
    const response = await fetch(linkOf(answer));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="certibot-tickets-2026-11-01-2026-11-30.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    // The byte order mark that makes spreadsheets read UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '"Numéro";"File";"État";"Sujet";"Urgence";"Établissement";"FINESS";"Demandeur";"E-mail de contact";"Attribué à";"Ouvert le";"Clos le";"Résolution";"Satisfaction";"Certificat";"Échanges"',
    );
    expect(csv).toContain('"CERT-2026-0001";"ANS – équipe certificats";"Clos";"Renouvellement";"Normale";"CH de Nîmes";"";"Camille Martin";"si@chu-nimes.fr";"Dominique Bernard";"2026-11-02 10:00"');
    expect(csv).toContain('Dominique Bernard — note interne : Rappeler le CH demain');
    expect(csv).toContain('Demandeur — demande : Le renouvellement échoue depuis hier.');
    expect(csv).toContain('"\'=HYPERLINK(""https://evil.example"";""x"")"');
    expect(csv).toContain('"(données effacées à sa demande)";""');
    expect(csv).toContain('Une demande ""entre guillemets""; avec séparateur.');
    expect(csv).not.toContain('CERT-2026-0003');
    expect(csv).not.toContain('Alex Durand');

    const closedOnly = await (await fetch(linkOf(await exportAs({ from: '2026-11-01', to: '2026-12-31', state: 'closed' })))).text();
    expect(closedOnly).toContain('CERT-2026-0001');
    expect(closedOnly).not.toContain('CERT-2026-0002');
  });

  it('the link expires like the calendar links; a wrong or malformed token is a plain 404', async () => {
    const link = linkOf(await exportAs({ from: '2026-11-01', to: '2026-11-30', state: 'open' }));
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(link.replace(/[A-Za-z0-9_-]{43}\.csv$/, `${'A'.repeat(43)}.csv`))).status).toBe(404);
    expect((await fetch(`${harness.url}/support/export/../../etc/passwd`)).status).toBe(404);
    harness.clock.advance(73 * 3600_000);
    const expired = await fetch(link);
    expect(expired.status).toBe(404);
    expect(await expired.text()).not.toContain('CERT-');
  });

  it('refuses an impossible period and someone outside the support team, told to the clicker, with no link issued', async () => {
    for (const period of [
      { from: '2026-11-30', to: '2026-11-01' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2024-01-01', to: '2026-01-02' },
      { from: 'hier', to: '2026-11-01' },
    ]) {
      const refused = await exportAs({ ...period, state: 'all' });
      expect(invokeText(refused)).toContain('Choisissez deux dates');
      expect(refused.replies).toEqual([]);
    }
    expect(invokeText(await exportAs({ from: '2026-11-01', to: '2026-11-30', state: 'everything' }))).toContain('Choisissez deux dates');

    const outsider = { id: newUserId(), name: 'Intrus' };
    harness.connector.inject({ match: (call) => call.kind === 'getMember' && call.memberId === outsider.id, answer: connectorFailures.conversationNotFound() });
    expect(invokeText(await exportAs({ from: '2026-11-01', to: '2026-11-30', state: 'all' }, outsider))).toContain('Seuls les membres de l’équipe');
    expect(await linksIssued()).toBe(0);
  });
});
