import { message, newUserId, submitAction, installationUpdate } from '../harness/activities';
import { BotHarness, TestClock } from '../harness/bot-harness';

/** The certificate register by chat: the form, the typed path, "mes certificats", "rappels ici", edit, delete. */
let harness: BotHarness;

beforeAll(async () => {
  harness = await BotHarness.start({ clock: new TestClock(new Date('2026-11-26T09:00:00Z')), env: { REMINDER_TICK_SECONDS: '3600' } });
});
afterAll(async () => harness.stop());

const allText = (turn: Awaited<ReturnType<BotHarness['send']>>) => [...turn.texts, ...turn.cards.flatMap((c) => c.texts)].join('\n');

describe('registering certificates for reminders', () => {
  it('"rappelle-moi avant l\'expiration" opens the form; submitting it registers the certificate for this chat', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const form = await harness.send(message(chat, "rappelle-moi avant l'expiration"));
    expect(form.cards[0]?.title).toBe('Programmer des rappels pour un certificat');
    expect(form.cards[0]?.inputs.map((i) => i.id)).toEqual(['label', 'expiry', 'finess', 'usage', 'corridor', 'structure', 'scope']);

    const saved = await harness.send(
      submitAction(chat, { verb: 'register.submit', label: 'MSSanté – site de Nîmes', expiry: '2027-03-15', finess: '01 078 091 4', usage: 'MSSante' }),
    );
    expect(saved.texts[0]).toBe(
      "C'est enregistré : « MSSanté – site de Nîmes » expire le 15 mars 2027. Prochain rappel : 15 décembre 2026. Dites « mes certificats » pour les voir, « rappels ici » dans un canal pour prévenir aussi une équipe.",
    );
    const [summary] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    expect(summary?.certificate).toMatchObject({ label: 'MSSanté – site de Nîmes', finess: '010780914', usage: 'MSSante', expiryDate: '2027-03-15' });
    expect(summary?.targets).toEqual([{ certificateId: summary?.certificate.id, conversationId: chat.conversationId, kind: 'personal', userId: chat.user.id }]);
  });

  it('a FINESS with a wrong key is refused and nothing is registered', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(submitAction(chat, { verb: 'register.submit', label: 'DMP', expiry: '2027-03-15', finess: '010780915' }));
    expect(turn.texts[0]).toContain('Le numéro FINESS 010780915 a une clé incorrecte');
    expect(await harness.app.store.reminders.listForUser(chat.user.id, new Date())).toEqual([]);
  });

  it.each([['2027-02-30'], ['2024-01-01'], ['demain'], ['']])('an expiry of %j is refused', async (expiry) => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(submitAction(chat, { verb: 'register.submit', label: 'DMP', expiry }));
    expect(turn.texts[0]).toContain("La date d'expiration doit être une vraie date");
    expect(await harness.app.store.reminders.listForUser(chat.user.id, new Date())).toEqual([]);
  });

  it('typed step by step: name, then an issue date (+ 3 years)', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(message(chat, 'je voudrais programmer un rappel pour mon certificat'));
    const asked = await harness.send(message(chat, 'INSi – CH de Nîmes'));
    expect(asked.texts[0]).toBe("Quelle est sa date d'expiration ? (ou sa date de délivrance : j'ajoute 3 ans ; ou envoyez le fichier du certificat)");
    const done = await harness.send(message(chat, 'délivré le 12/09/2024'));
    expect(done.texts[0]).toContain("« INSi – CH de Nîmes » expire le 12 septembre 2027");
  });

  it('"mes certificats" lists them with their next reminder; delete asks first, then deletes', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(submitAction(chat, { verb: 'register.submit', label: 'DMP – GHT', expiry: '2027-06-30' }));
    const list = await harness.send(message(chat, 'mes certificats'));
    expect(list.cards[0]?.title).toBe('Mes certificats');
    expect(allText(list)).toContain('Expire le 30 juin 2027 (dans 216 jours)');
    expect(allText(list)).toContain('Prochain rappel : 1er avril 2027 (1 destination)');
    const remove = list.cards[0]?.buttons.find((b) => b.title === 'Supprimer');
    const confirm = await harness.send(submitAction(chat, remove?.data));
    expect(confirm.cards[0]?.texts[0]).toBe('Supprimer « DMP – GHT » et tous ses rappels ?');
    const stranger = harness.personalChat({ locale: 'fr-FR', userId: newUserId() });
    const refused = await harness.send(submitAction(stranger, confirm.cards[0]?.buttons[0]?.data));
    expect(refused.texts[0]).toBe("Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié.");
    const deleted = await harness.send(submitAction(chat, confirm.cards[0]?.buttons[0]?.data));
    expect(deleted.texts[0]).toBe('« DMP – GHT » est supprimé, avec ses rappels.');
    expect(await harness.app.store.reminders.listForUser(chat.user.id, new Date())).toEqual([]);
  });

  it('"rappels ici" in a channel adds the channel as a target of the owner\'s certificate', async () => {
    const personal = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(submitAction(personal, { verb: 'register.submit', label: 'MSSanté – Alès', expiry: '2027-05-01' }));
    const channel = harness.teamChannel({ locale: 'fr-FR', userId: personal.user.id });
    await harness.send(installationUpdate(channel, 'add'));
    const list = await harness.send(message(channel, 'rappels ici'));
    const here = list.cards[0]?.buttons.find((b) => b.title === 'Rappels ici aussi');
    const added = await harness.send(submitAction(channel, here?.data));
    expect(added.texts[0]).toBe("C'est noté : les rappels de « MSSanté – Alès » seront aussi envoyés ici.");
    const [summary] = await harness.app.store.reminders.listForUser(personal.user.id, new Date());
    expect(summary?.targets.map((t) => t.kind).sort()).toEqual(['channel', 'personal']);
    const again = await harness.send(submitAction(channel, here?.data));
    expect(again.texts[0]).toBe('Les rappels de « MSSanté – Alès » sont déjà envoyés ici.');
  });

  it('the timeline card offers to set reminders with its expiry filled in', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const timeline = await harness.send(message(chat, 'délivré le 15/03/2024, quand renouveler ?'));
    const set = timeline.cards[0]?.buttons.find((b) => b.title === 'Programmer des rappels');
    expect(set?.data).toEqual({ verb: 'register.start', expiry: '2027-03-15' });
    const form = await harness.send(submitAction(chat, set?.data));
    expect(form.cards[0]?.inputs.find((i) => i.id === 'expiry')).toBeDefined();
    const named = await harness.send(message(chat, 'MSSanté – Nîmes'));
    expect(named.texts[0]).toContain("« MSSanté – Nîmes » expire le 15 mars 2027");
  });

  it('registered by chat, reminded at the shifted time in the personal chat and in the channel added by "rappels ici"', async () => {
    const clock = new TestClock(new Date('2026-11-26T09:00:00Z'));
    const own = await BotHarness.start({ clock, env: { REMINDER_TICK_SECONDS: '3600' } });
    try {
      const personal = own.personalChat({ locale: 'fr-FR' });
      await own.send(submitAction(personal, { verb: 'register.submit', label: 'INSi – Alès', expiry: '2027-01-10' }));
      const channel = own.teamChannel({ locale: 'fr-FR', userId: personal.user.id });
      await own.send(installationUpdate(channel, 'add'));
      const list = await own.send(message(channel, 'rappels ici'));
      await own.send(submitAction(channel, list.cards[0]?.buttons.find((b) => b.title === 'Rappels ici aussi')?.data));
      own.connector.reset();
      clock.set(new Date('2026-12-11T08:00:00Z')); // 30 days before, 09:00 in Paris
      await own.app.tickReminders();
      const posted = own.connector.calls.filter((call) => call.kind === 'send' && call.status === 200).map((call) => call.conversationId);
      expect(posted.sort()).toEqual([channel.conversationId, personal.conversationId].sort());
    } finally {
      await own.stop();
    }
  });

  it('settings: fewer thresholds, another hour, working days only; invalid input changes nothing; empty = off', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(submitAction(chat, { verb: 'register.submit', label: 'DMP – Nîmes', expiry: '2027-03-14' }));
    const list = await harness.send(message(chat, 'mes certificats'));
    const open = await harness.send(submitAction(chat, list.cards[0]?.buttons.find((b) => b.title === 'Réglages')?.data));
    expect(open.cards[0]?.inputs.map((i) => i.id)).toEqual(['thresholds', 'hour', 'workingDays', 'weekly']);
    const save = open.cards[0]?.buttons[0]?.data as Record<string, unknown>;

    const invalid = await harness.send(submitAction(chat, { ...save, thresholds: '30, abc', hour: '8', workingDays: 'true', weekly: 'false' }));
    expect(invalid.texts[0]).toContain('Réglages non valides');
    const [before] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    expect(before?.certificate.thresholds).toEqual([90, 60, 30, 14, 7, 1, 0]);

    const saved = await harness.send(submitAction(chat, { ...save, thresholds: '7, 30,0', hour: '8', workingDays: 'true', weekly: 'false' }));
    expect(saved.texts[0]).toBe(
      'Réglages enregistrés pour « DMP – Nîmes » : à 30, 7, 0 jours avant, à 8 h, jours ouvrés seulement. Les rappels à venir sont reprogrammés.',
    );
    const [after] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    expect(after?.certificate).toMatchObject({ thresholds: [30, 7, 0], weeklyAfterExpiry: false, delivery: { hour: 8, workingDaysOnly: true } });
    // 30 days before Sunday 14 March 2027 is Friday 12 February, a working day: 08:00 in Paris is 07:00Z in winter.
    expect(after?.nextDelivery?.dueAt.toISOString()).toBe('2027-02-12T07:00:00.000Z');
    // 7 days before is Sunday 7 March: moved back to Friday 5 March; the day itself, a Sunday, to Friday 12 March.
    const pending = (await harness.app.store.reminders.deliveryStatus(after?.certificate.id ?? '')).filter((d) => d.status === 'pending');
    expect(pending.map((d) => [d.threshold, d.dueAt.toISOString()])).toEqual([
      ['d30', '2027-02-12T07:00:00.000Z'],
      ['d7', '2027-03-05T07:00:00.000Z'],
      ['d0', '2027-03-12T07:00:00.000Z'],
    ]);

    const off = await harness.send(submitAction(chat, { ...save, thresholds: '', hour: '8', workingDays: 'false', weekly: 'false' }));
    expect(off.texts[0]).toContain('aucun rappel');
    const [stopped] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    expect(stopped?.nextDelivery).toBeUndefined();

    const stranger = harness.personalChat({ locale: 'fr-FR', userId: newUserId() });
    const refused = await harness.send(submitAction(stranger, { ...save, thresholds: '1', hour: '9', workingDays: 'false', weekly: 'true' }));
    expect(refused.texts[0]).toBe("Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié.");
  });
});

describe('corridor, kind of structure and FINESS level on the form', () => {
  it('the form offers the three choices, with what a legal-entity or site FINESS means', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const form = await harness.send(message(chat, "rappelle-moi avant l'expiration"));
    const choices = (id: string) => form.cards[0]?.inputs.find((i) => i.id === id)?.choices.map((c) => `${c.title} = ${c.value}`);
    expect(choices('corridor')).toEqual(['Hôpital = hopital', 'Médico-social = medico-social']);
    expect(choices('structure')).toEqual([
      'Établissement sanitaire public (CH, CHU) = public',
      'Centre de dialyse = dialysis',
      'Établissement de santé privé (clinique) = private',
      'Organisme gestionnaire (médico-social : EHPAD, IME…) = managing-body',
      'Groupe de plusieurs entités juridiques (GHT, groupe de cliniques) = multi-entity-group',
    ]);
    expect(choices('scope')).toEqual(['FINESS juridique = juridique', 'FINESS géographique = geographique']);
    expect(form.cards[0]?.texts).toContain('Juridique : un certificat pour tous les sites de la même entité juridique. Géographique : un certificat par site.');
  });

  it('submitted with the form, they are stored with the certificate; left empty, they are not given', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const saved = await harness.send(
      submitAction(chat, { verb: 'register.submit', label: 'MSSanté – EHPAD', expiry: '2027-04-20', corridor: 'medico-social', structure: 'managing-body', scope: 'juridique' }),
    );
    expect(saved.texts[0]).toContain("C'est enregistré : « MSSanté – EHPAD »");
    const blank = await harness.send(submitAction(chat, { verb: 'register.submit', label: 'INSi – EHPAD', expiry: '2027-05-20', corridor: '', structure: '', scope: '' }));
    expect(blank.texts[0]).toContain("C'est enregistré : « INSi – EHPAD »");
    const [first, second] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    expect(first?.certificate).toMatchObject({ label: 'MSSanté – EHPAD', corridor: 'medico-social', structure: 'managing-body', scope: 'juridique' });
    expect(second?.certificate).toMatchObject({ label: 'INSi – EHPAD', corridor: undefined, structure: undefined, scope: undefined });
  });

  it.each([
    ['corridor', 'clinique', 'couloir'],
    ['structure', 'hopital', 'type de structure'],
    ['scope', 'national', 'niveau de FINESS'],
    ['usage', 'VPN', 'usage'],
  ])('a forged %s (%j) is refused and nothing is registered', async (field, value, named) => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const turn = await harness.send(submitAction(chat, { verb: 'register.submit', label: 'DMP', expiry: '2027-03-15', [field]: value }));
    expect(turn.texts).toEqual([`Le choix indiqué pour « ${named} » ne fait pas partie de la liste proposée. Rien n'a été enregistré.`]);
    expect(await harness.app.store.reminders.listForUser(chat.user.id, new Date())).toEqual([]);
  });
});

describe('editing a registered certificate', () => {
  /** Registers a certificate in a new personal chat; answers the chat and the certificate's id. */
  const registered = async (fields: Record<string, string>) => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    await harness.send(submitAction(chat, { verb: 'register.submit', ...fields }));
    const [summary] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    if (!summary) throw new Error('not registered');
    return { chat, id: summary.certificate.id };
  };
  const stored = async (id: string) => (await harness.app.store.reminders.get(id))?.certificate;

  it('"mes certificats" has an Edit button next to Settings for each certificate', async () => {
    const { chat, id } = await registered({ label: 'DMP – Alès', expiry: '2027-06-30' });
    const list = await harness.send(message(chat, 'mes certificats'));
    expect(list.cards[0]?.buttons.map((b) => b.title)).toEqual(['Historique', 'Modifier', 'Réglages', 'Supprimer', 'Ajouter un certificat']);
    expect(list.cards[0]?.buttons[1]?.data).toEqual({ verb: 'register.edit', certificate: id });
    const english = await harness.send(message(chat, 'my certificates', { locale: 'en-US' }));
    expect(english.cards[0]?.buttons.map((b) => b.title)).toContain('Edit');
  });

  it('the owner changes name, FINESS and expiry: reminders follow the new expiry and the old ones are skipped', async () => {
    const { chat, id } = await registered({ label: 'DMP – Nîmes', expiry: '2027-03-15', finess: '010780914', usage: 'DMP' });
    const list = await harness.send(message(chat, 'mes certificats'));
    const open = await harness.send(submitAction(chat, list.cards[0]?.buttons.find((b) => b.title === 'Modifier')?.data));
    expect(open.cards[0]?.title).toBe('Modifier « DMP – Nîmes »');
    const save = open.cards[0]?.buttons[0];
    expect(save?.title).toBe('Enregistrer les modifications');
    expect(save?.data).toEqual({ verb: 'register.submit', certificate: id });

    const edited = await harness.send(
      submitAction(chat, {
        ...(save?.data as Record<string, unknown>),
        label: 'DMP – CH de Nîmes',
        expiry: '2028-03-15',
        finess: '30 078 001 2',
        usage: 'DMP',
        corridor: 'hopital',
        structure: '',
        scope: '',
      }),
    );
    expect(edited.texts).toEqual([
      '« DMP – Nîmes » modifié : nom « DMP – Nîmes » → « DMP – CH de Nîmes », expiration 15 mars 2027 → 15 mars 2028, ' +
        'FINESS 01 078 091 4 → 30 078 001 2, couloir non renseigné → Hôpital. Prochain rappel : 16 décembre 2027.',
    ]);
    expect(await stored(id)).toMatchObject({ label: 'DMP – CH de Nîmes', expiryDate: '2028-03-15', finess: '300780012', usage: 'DMP', corridor: 'hopital' });

    const deliveries = await harness.app.store.reminders.deliveryStatus(id);
    const old = deliveries.filter((d) => d.expiryDate === '2027-03-15');
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((d) => d.status === 'skipped' && d.lastError === 'renewed')).toBe(true);
    const pending = deliveries.filter((d) => d.status === 'pending');
    expect(pending.every((d) => d.expiryDate === '2028-03-15')).toBe(true);
    // 90 days before 15 March 2028 (a leap year) is 16 December 2027, 09:00 in Paris.
    expect(pending[0]?.dueAt.toISOString()).toBe('2027-12-16T08:00:00.000Z');
    const [summary] = await harness.app.store.reminders.listForUser(chat.user.id, new Date());
    expect(summary?.nextDelivery?.dueAt.toISOString()).toBe('2027-12-16T08:00:00.000Z');
  });

  it('an edit while the registration dialog is pending is the same edit', async () => {
    const { chat, id } = await registered({ label: 'INSi – Uzès', expiry: '2027-03-15' });
    await harness.send(message(chat, "rappelle-moi avant l'expiration"));
    const edited = await harness.send(submitAction(chat, { verb: 'register.submit', certificate: id, label: 'INSi – Uzès', expiry: '2027-03-15', scope: 'geographique' }));
    expect(edited.texts).toEqual(['« INSi – Uzès » modifié : niveau de FINESS non renseigné → FINESS géographique.']);
    expect(await stored(id)).toMatchObject({ scope: 'geographique', expiryDate: '2027-03-15' });
    expect(await harness.app.store.reminders.listForUser(chat.user.id, new Date())).toHaveLength(1);
    // The registration asked for before is still waiting for its name.
    const named = await harness.send(message(chat, 'MSSanté – Uzès'));
    expect(named.texts[0]).toBe("Quelle est sa date d'expiration ? (ou sa date de délivrance : j'ajoute 3 ans ; ou envoyez le fichier du certificat)");
  });

  it('sent back unchanged, nothing changes and it says so', async () => {
    const { chat, id } = await registered({ label: 'MSSanté – Gard', expiry: '2027-03-15', finess: '010780914' });
    const before = await stored(id);
    const turn = await harness.send(submitAction(chat, { verb: 'register.submit', certificate: id, label: 'MSSanté – Gard', expiry: '2027-03-15', finess: '01 078 091 4' }));
    expect(turn.texts).toEqual(["Rien n'a changé pour « MSSanté – Gard »."]);
    expect(await stored(id)).toEqual(before);
  });

  it('a stranger can neither open the edit form nor edit; nothing changes', async () => {
    const { id } = await registered({ label: 'DMP – Lunel', expiry: '2027-03-15' });
    const before = await stored(id);
    const deliveriesBefore = await harness.app.store.reminders.deliveryStatus(id);
    const stranger = harness.personalChat({ locale: 'fr-FR', userId: newUserId() });
    const open = await harness.send(submitAction(stranger, { verb: 'register.edit', certificate: id }));
    expect(open.texts).toEqual(["Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié."]);
    expect(open.cards).toEqual([]);
    const edit = await harness.send(submitAction(stranger, { verb: 'register.submit', certificate: id, label: 'Piraté', expiry: '2029-01-01' }));
    expect(edit.texts).toEqual(["Seul un responsable de ce certificat peut faire cela. Rien n'a été modifié."]);
    expect(await stored(id)).toEqual(before);
    expect(await harness.app.store.reminders.deliveryStatus(id)).toEqual(deliveriesBefore);
  });

  it.each([
    ['a FINESS with a wrong key', { finess: '010780915' }, 'Le numéro FINESS 010780915 a une clé incorrecte'],
    ['an expiry more than a year past', { expiry: '2025-06-30' }, "La date d'expiration doit être une vraie date"],
    ['an impossible date', { expiry: '2028-02-30' }, "La date d'expiration doit être une vraie date"],
    ['an empty name', { label: '  ' }, 'Le nom du certificat doit faire entre 1 et 120 caractères.'],
    ['a forged corridor', { corridor: 'hospital' }, 'Le choix indiqué pour « couloir »'],
  ])('the owner\'s edit with %s is refused and nothing changes', async (_case, change, refusal) => {
    const { chat, id } = await registered({ label: 'INSi – Sète', expiry: '2027-03-15', finess: '010780914' });
    const before = await stored(id);
    const deliveriesBefore = await harness.app.store.reminders.deliveryStatus(id);
    const turn = await harness.send(
      submitAction(chat, { verb: 'register.submit', certificate: id, label: 'INSi – CH de Sète', expiry: '2028-03-15', finess: '010780914', ...change }),
    );
    expect(turn.texts).toHaveLength(1);
    expect(turn.texts[0]).toContain(refusal);
    expect(await stored(id)).toEqual(before);
    expect(await harness.app.store.reminders.deliveryStatus(id)).toEqual(deliveriesBefore);
  });

  it('an unknown certificate is said to be gone', async () => {
    const chat = harness.personalChat({ locale: 'fr-FR' });
    const open = await harness.send(submitAction(chat, { verb: 'register.edit', certificate: 'no-such-certificate' }));
    expect(open.texts[0]).toContain("Ce rappel n'existe plus");
    const edit = await harness.send(submitAction(chat, { verb: 'register.submit', certificate: 'no-such-certificate', label: 'X', expiry: '2028-03-15' }));
    expect(edit.texts[0]).toContain("Ce rappel n'existe plus");
  });
});
