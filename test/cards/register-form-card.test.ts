import type { AdaptiveCard, CardElement, CardInput } from '../../cards/adaptive';
import { registerFormCard } from '../../cards/register-form-card';
import { translator } from '../../src/messages/translator';

/** The register's form as a pure function: a blank form, a pre-filled one, and the edit form of a certificate. */

const inputs = (card: AdaptiveCard): CardInput[] =>
  card.body.filter((element: CardElement): element is CardInput => element.type.startsWith('Input.'));
const input = (card: AdaptiveCard, id: string): CardInput | undefined => inputs(card).find((element) => element.id === id);
const choicesOf = (card: AdaptiveCard, id: string) => {
  const element = input(card, id);
  return element?.type === 'Input.ChoiceSet' ? element.choices : [];
};
const texts = (card: AdaptiveCard): string[] => card.body.flatMap((element) => (element.type === 'TextBlock' ? [element.text] : []));

describe('the certificate register form', () => {
  it('asks corridor, kind of structure and FINESS level as optional compact choices, and says what the levels mean', () => {
    const form = registerFormCard({ expiry: undefined }, translator('fr'));
    expect(inputs(form).map((element) => element.id)).toEqual(['label', 'expiry', 'finess', 'usage', 'corridor', 'structure', 'scope']);
    for (const id of ['corridor', 'structure', 'scope']) {
      expect(input(form, id)).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact' });
      expect(input(form, id)).not.toHaveProperty('isRequired');
      expect(input(form, id)).not.toHaveProperty('value');
    }
    expect(choicesOf(form, 'corridor')).toEqual([
      { title: 'Hôpital', value: 'hopital' },
      { title: 'Médico-social', value: 'medico-social' },
    ]);
    expect(choicesOf(form, 'structure').map((choice) => choice.value)).toEqual(['public', 'dialysis', 'private', 'managing-body', 'multi-entity-group']);
    expect(choicesOf(form, 'structure')[1]).toEqual({ title: 'Centre de dialyse', value: 'dialysis' });
    expect(choicesOf(form, 'scope')).toEqual([
      { title: 'FINESS juridique', value: 'juridique' },
      { title: 'FINESS géographique', value: 'geographique' },
    ]);
    expect(texts(form)).toContain('Juridique : un certificat pour tous les sites de la même entité juridique. Géographique : un certificat par site.');
  });

  it('a new certificate: the registration title, and a submit with no certificate id', () => {
    const form = registerFormCard({ expiry: '2027-03-15' }, translator('fr'));
    expect(texts(form)[0]).toBe('Programmer des rappels pour un certificat');
    expect(input(form, 'expiry')).toMatchObject({ value: '2027-03-15' });
    expect(input(form, 'label')).not.toHaveProperty('value');
    // A Universal Action (a refusal goes to the sender alone), with a plain submit for older clients.
    expect(form.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Enregistrer',
        verb: 'register.submit',
        data: { verb: 'register.submit' },
        style: 'positive',
        fallback: { type: 'Action.Submit', title: 'Enregistrer', data: { verb: 'register.submit' }, style: 'positive' },
      },
    ]);
  });

  it('pre-fills every field it is given', () => {
    const form = registerFormCard(
      { label: 'DMP – Nîmes', expiry: '2027-03-15', finess: '01 078 091 4', usage: 'DMP', corridor: 'hopital', structure: 'public', scope: 'geographique' },
      translator('fr'),
    );
    const values = Object.fromEntries(inputs(form).map((element) => [element.id, element.value]));
    expect(values).toEqual({
      label: 'DMP – Nîmes',
      expiry: '2027-03-15',
      finess: '01 078 091 4',
      usage: 'DMP',
      corridor: 'hopital',
      structure: 'public',
      scope: 'geographique',
    });
  });

  it.each([
    ['fr', 'Modifier « DMP – Nîmes »', 'Enregistrer les modifications'],
    ['en', 'Edit "DMP – Nîmes"', 'Save changes'],
  ] as const)('with a certificate id it is the edit form (%s): its title, its button, and the id in its data', (locale, title, button) => {
    const form = registerFormCard({ certificateId: 'c-42', label: 'DMP – Nîmes', expiry: '2027-03-15' }, translator(locale));
    expect(texts(form)[0]).toBe(title);
    expect(form.fallbackText).toBe(title);
    expect(form.actions).toEqual([
      expect.objectContaining({ type: 'Action.Execute', title: button, verb: 'register.submit', data: { verb: 'register.submit', certificate: 'c-42' } }),
    ]);
    // Typing the details step by step is for a new certificate only.
    expect(texts(form).join('\n')).not.toContain(translator(locale)('register.schedule'));
  });

  it.each(['fr', 'en'] as const)('shows no message key and no unfilled {placeholder} (%s)', (locale) => {
    const form = registerFormCard(
      { certificateId: 'c-42', label: 'DMP', expiry: '2027-03-15', finess: '01 078 091 4', usage: 'other', corridor: 'medico-social', structure: 'managing-body', scope: 'juridique' },
      translator(locale),
    );
    // What a reader sees: everything but what the button sends back.
    const shown = JSON.stringify(form, (key, value: unknown) => (key === 'data' || key === 'verb' || key === 'regex' ? undefined : value));
    expect(shown).not.toMatch(/\{\w+\}/);
    expect(shown).not.toMatch(/"(?:register|sharing)\.[\w.-]+"/);
  });
});
