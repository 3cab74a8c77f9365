/** French: the reference catalog. Every key here must exist in every other catalog, with the same placeholders. */
export const fr = {
  'app.name': 'certibot',
  'welcome.title': 'Bonjour, je suis certibot',
  'welcome.intro':
    "Je vous aide à garder vos certificats logiciels ANS (IGC Santé) en règle : les règles de commande, les dates de renouvellement, les rappels et le contact avec le support.",
  'welcome.team':
    "Merci de m'avoir ajouté à cette équipe. Mentionnez-moi (@certibot) pour me poser une question ici.",
  'welcome.personal': 'Écrivez-moi comme à un collègue, ou choisissez ci-dessous.',
  'welcome.languageHint': 'To talk in English, type "English".',
  'help.title': 'Ce que je sais faire',
  'help.intro': 'Écrivez votre question avec vos mots, ou choisissez :',
  'help.typeHint': 'Vous pouvez aussi taper « aide » à tout moment.',
  'capability.language.title': 'Changer de langue',
  'capability.language.description': 'Je parle français et anglais. Dites « parle anglais » ou « switch to French ».',
  'capability.language.button': 'Speak English',
  'capability.privacy.title': 'Vos données',
  'capability.privacy.description':
    'Je garde le minimum (votre langue, de quoi vous écrire). « Supprime mes données » efface tout.',
  'capability.privacy.button': 'Supprimer mes données',
  'language.switched': "D'accord, je vous parle désormais en français.",
  'language.already': 'Je vous parle déjà en français.',
  'privacy.confirm.title': 'Supprimer vos données ?',
  'privacy.confirm.body': 'Je détiens sur vous :',
  'privacy.confirm.question': 'Voulez-vous que je supprime tout cela ? Répondez « oui » ou « non ».',
  'privacy.confirm.yes': 'Oui, supprimer',
  'privacy.confirm.no': 'Non, garder',
  'privacy.nothing': "Je ne détiens aucune donnée vous concernant pour l'instant.",
  'privacy.deleted': 'C\'est fait : {count} élément(s) supprimé(s).',
  'privacy.deletedAfter':
    "Si vous m'écrivez à nouveau, je garderai seulement de quoi vous répondre dans cette conversation.",
  'privacy.cancelled': "D'accord, je n'ai rien supprimé.",
  'privacy.expired': "Cette demande de suppression n'est plus en cours : rien n'a été supprimé. Dites « supprime mes données » pour recommencer.",
  'privacy.category.preferences': 'votre préférence de langue ({count})',
  'privacy.category.conversations': 'la référence de notre conversation privée, pour vous écrire ({count})',
  'privacy.category.conversationState': 'l\'état de nos échanges en cours ({count})',
  'thanks.reply': 'Avec plaisir ! Autre chose ?',
  'fallback.notUnderstood':
    "Je n'ai pas compris votre demande. Tapez « aide » pour voir ce que je sais faire.",
  'input.empty': 'Votre message est vide. Tapez « aide » pour voir ce que je sais faire.',
  'input.badAction': "Je n'ai pas pu traiter cette action : elle est incomplète ou ne vient pas d'une de mes cartes. Rien n'a été modifié.",
  'error.generic':
    "Désolé, un problème technique m'a empêché de répondre. Rien n'a été modifié ; réessayez dans un instant. (réf. {ref})",
} as const;

export type MessageKey = keyof typeof fr;
