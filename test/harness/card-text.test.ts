import { eraseConfirmationCard } from '../../cards/erase-confirmation-card';
import { helpCard } from '../../cards/help-card';
import { helpView } from '../../src/features/conversation/capabilities';
import { translator } from '../../src/messages/translator';
import { ADAPTIVE_CARD_CONTENT_TYPE, readCard, renderActivity, renderCard } from './card-text';

/** A card using every element the renderer knows, as it could come over the wire. */
const kitchenSink = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Renouvellement', style: 'heading' },
    { type: 'TextBlock', text: 'Serveur PACS', weight: 'bolder' },
    { type: 'TextBlock', text: 'ligne 1\nligne 2' },
    { type: 'FactSet', facts: [{ title: 'Expire le', value: '12/09/2025' }, { title: 'FINESS', value: '750712184' }] },
    {
      type: 'Container',
      items: [
        { type: 'Input.Text', id: 'comment', label: 'Commentaire', placeholder: 'Votre commentaire' },
        {
          type: 'Input.ChoiceSet',
          id: 'site',
          choices: [
            { title: 'Paris', value: '75' },
            { title: 'Lyon', value: '69' },
          ],
        },
      ],
    },
    { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: 'dans une colonne' }] }] },
    { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Rappeler', data: { verb: 'reminder.set', days: 30 } }] },
    { type: 'Image', url: 'https://example.org/x.png', altText: 'logo' },
    { type: 'Media' },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Valider', verb: 'ticket.accept', data: { verb: 'ticket.accept', id: 't-1' } },
    { type: 'Action.OpenUrl', title: 'Guide', url: 'https://esante.gouv.fr' },
  ],
};

describe('cards rendered as text for a terminal or a test', () => {
  it('renders headings, text lines, facts, inputs with their id, and numbered buttons in reading order', () => {
    const rendered = renderCard(kitchenSink);

    expect(rendered.text).toBe(
      [
        '== Renouvellement ==',
        '*Serveur PACS*',
        'ligne 1',
        'ligne 2',
        'Expire le: 12/09/2025',
        'FINESS: 750712184',
        '  [Input.Text comment] Commentaire (Votre commentaire)',
        '  [Input.ChoiceSet site] choices: Paris = 75, Lyon = 69',
        '  dans une colonne',
        '[1] Rappeler',
        '[image: logo]',
        '[Media]',
        '[2] Valider',
        '[3] Guide -> https://esante.gouv.fr',
      ].join('\n'),
    );
    expect(rendered.buttons.map(({ number, type, title, data, verb, url }) => ({ number, type, title, data, verb, url }))).toEqual([
      { number: 1, type: 'Action.Submit', title: 'Rappeler', data: { verb: 'reminder.set', days: 30 }, verb: undefined, url: undefined },
      { number: 2, type: 'Action.Execute', title: 'Valider', data: { verb: 'ticket.accept', id: 't-1' }, verb: 'ticket.accept', url: undefined },
      { number: 3, type: 'Action.OpenUrl', title: 'Guide', data: undefined, verb: undefined, url: 'https://esante.gouv.fr' },
    ]);
  });

  it('numbers buttons on from a given first number, so that several cards of one turn share a counter', () => {
    expect(renderCard(kitchenSink, 4).buttons.map((button) => button.number)).toEqual([4, 5, 6]);
  });

  it("reads certibot's own help card: heading, texts and the data of each button", () => {
    const summary = readCard(helpCard(helpView('fr'), translator('fr')));

    expect(summary.title).toBe('Ce que je sais faire');
    expect(summary.texts).toContain('Changer de langue');
    expect(summary.buttons.map(({ title, data }) => ({ title, data }))).toEqual(
      expect.arrayContaining([
        { title: 'Speak English', data: { verb: 'language.set', locale: 'en' } },
        { title: 'Supprimer mes données', data: { verb: 'privacy.erase.request' } },
      ]),
    );
  });

  it('reads facts and inputs nested in containers', () => {
    const summary = readCard(kitchenSink);

    expect(summary.facts).toEqual([
      { title: 'Expire le', value: '12/09/2025' },
      { title: 'FINESS', value: '750712184' },
    ]);
    expect(summary.inputs.map((input) => input.id)).toEqual(['comment', 'site']);
    expect(summary.texts).toContain('dans une colonne');
  });

  it('renders a message: its text, then its card, with one button counter across both', () => {
    const card = eraseConfirmationCard({ items: [{ category: 'preferences', count: 1 }], total: 1 }, translator('fr'));
    const activity = {
      type: 'message',
      text: 'Voici ce que je détiens.',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }, { contentType: 'image/png', contentUrl: 'x' }],
    };

    const rendered = renderActivity(activity, 3);

    expect(rendered.text).toBe(
      [
        'Voici ce que je détiens.',
        '== Supprimer vos données ? ==',
        'Je détiens sur vous :',
        '- votre préférence de langue (1)',
        'Voulez-vous que je supprime tout cela ? Répondez « oui » ou « non ».',
        '[3] Oui, supprimer',
        '[4] Non, garder',
        '[attachment image/png]',
      ].join('\n'),
    );
    expect(rendered.buttons.map((button) => button.data)).toEqual([{ verb: 'privacy.erase.confirm' }, { verb: 'privacy.erase.cancel' }]);
  });

  it.each([undefined, null, 42, 'card', [], { body: 'not a list' }, { body: [null, 7, { type: 'TextBlock' }] }])(
    'renders %p without throwing',
    (input) => {
      expect(() => renderCard(input)).not.toThrow();
      expect(() => renderActivity(input)).not.toThrow();
      expect(readCard(input).buttons).toEqual([]);
    },
  );
});
