import type { Locale } from '../domain/locale';
import type { IntentName } from './intents';

/**
 * Conversational phrases (greetings, help, language, privacy, yes/no), as data. Matched against normalized text
 * (lower case, no accents). Each entry says which language it is written in, so a clear English "hi, what can you
 * do?" is answered in English.
 */
export interface PhrasePattern {
  readonly intent: IntentName;
  readonly language: Locale | undefined;
  readonly pattern: RegExp;
  /** Match the text as typed instead of its normalized form (for punctuation-only commands). */
  readonly raw?: boolean;
}

export const CONVERSATION_PATTERNS: readonly PhrasePattern[] = [
  // Language switches come first: "parle anglais" must not read as a greeting.
  { intent: 'language.en', language: 'fr', pattern: /\b(parle[sz]?|parler|passe[sz]?|passer|repond[sz]?|ecri[st]?)\b.*\banglais\b|^(en )?anglais( (svp|stp|s il (vous|te) plait))?$/ },
  { intent: 'language.fr', language: 'fr', pattern: /\b(parle[sz]?|parler|passe[sz]?|passer|repond[sz]?|ecri[st]?)\b.*\bfrancais\b|^(en )?francais( (svp|stp|s il (vous|te) plait))?$/ },
  { intent: 'language.en', language: 'en', pattern: /\b(switch|change|speak|talk|reply|answer|write)\b.*\benglish\b|^(in )?english( please)?$/ },
  { intent: 'language.fr', language: 'en', pattern: /\b(switch|change|speak|talk|reply|answer|write)\b.*\bfrench\b|^(in )?french( please)?$/ },
  // Privacy.
  {
    intent: 'privacy.erase',
    language: 'fr',
    pattern:
      /\b(supprime[rz]?|efface[rz]?|oublie[rz]?|detrui[st]|detruire)\b.*\b(mes|toutes? les|les) (donnees|infos|informations)\b|\b(supprime[rz]?|efface[rz]?|oublie[rz]?)\b.*\b(tout ce que (vous|tu) (savez|sais|avez|as|gardez|gardes|conservez|conserves) (sur|de) moi|tout sur moi|tout ce qui me concerne|mon compte|mon profil)\b|\boublie[rz]? moi\b|\brgpd\b|\bdroit a l oubli\b/,
  },
  // « quelles données gardez-vous sur moi ? »: what is kept is what the erase card lists, before it asks anything.
  {
    intent: 'privacy.erase',
    language: 'fr',
    pattern: /\b(quelles?|que|quoi) (donnees|informations|infos)( personnelles)?\b.*\b(sur moi|me concernant|de moi|gardez|garde[sz]?|conserve[sz]?|stocke[sz]?|detene[sz]?|detient|ave[sz]|as tu|avez vous)\b|\bmes donnees personnelles\b/,
  },
  {
    intent: 'privacy.erase',
    language: 'en',
    pattern:
      /\b(delete|erase|remove|forget|wipe|purge)\b.*\b(my|all) (data|information|info|details)\b|\b(delete|erase|remove|forget|wipe|purge)\b.*\b(everything|all) (you (know|have|keep|store|hold)|stored)\b.*\b(about|on|of) me\b|\bforget (about |everything about )?me\b|\b(delete|remove|close) my (account|profile|personal data)\b|\bgdpr\b/,
  },
  // "what data do you keep about me?": the erase card lists it, before it asks anything.
  {
    intent: 'privacy.erase',
    language: 'en',
    pattern: /\bwhat (personal )?(data|information|info) (do|does) (you|certibot) (keep|have|store|hold|collect)\b|\bwhat do you (know|keep|store|hold) about me\b/,
  },
  // Support agents: the questions the bot could not answer.
  { intent: 'support.gaps', language: 'fr', pattern: /^(les |voir les |liste des )?(questions sans reponse|lacunes|questions non traitees|trous de la base)$/ },
  { intent: 'support.gaps', language: 'en', pattern: /^(show |list )?(the )?(unanswered questions|knowledge gaps|gaps)$/ },
  // "How do I get reminders in a channel?": answered by the register (where « rappels ici » is said, or done at once).
  {
    intent: 'reminders',
    language: 'fr',
    pattern: /\b(comment|possible|peut on|est ce qu on peut|pouvez vous|peux tu)\b.*\b(rappels?|alertes?|echeances?)\b.*\b(canal|canaux|equipe|conversation de groupe)\b/,
  },
  { intent: 'reminders', language: 'en', pattern: /\b(how|can we|can i|is it possible)\b.*\b(reminders?|alerts?)\b.*\b(channel|channels|team|group chat)\b/ },
  // The same with the place first (« comment notre canal peut-il recevoir les rappels ? »), or « ici » said in it.
  {
    intent: 'reminders',
    language: 'fr',
    pattern: /\b(comment|possible|peut on|est ce qu on peut|pouvez vous|peux tu)\b.*\b(canal|canaux|equipe|conversation de groupe)\b.*\b(rappels?|alertes?)\b|\b(comment|possible|peut on)\b.*\b(rappels?|alertes?)\b.*\bici\b/,
  },
  { intent: 'reminders', language: 'en', pattern: /\b(how|can we|can i|is it possible)\b.*\b(channel|channels|team|group chat)\b.*\b(reminders?|alerts?)\b|\b(how|can we|can i)\b.*\b(reminders?|alerts?)\b.*\bhere\b/ },
  // The certificate register. The manifest's « rappels » / "reminders" command sets up reminders for a certificate.
  { intent: 'reminders', language: 'fr', pattern: /^(les )?rappels?$|^(programmer|creer|ajouter) (un |des )?rappels?$/ },
  { intent: 'reminders', language: 'en', pattern: /^reminders?$|^(set up|create|add) (a |some )?reminders?$/ },
  // « enregistre le certificat INSi qui expire le 12/05/2027 », "register our DMP certificate, it expires…": an order to
  // register, whatever dates it carries (the date fills the form; it is not a question about dates).
  {
    intent: 'reminders',
    language: 'fr',
    pattern: /^(?:merci d |peux[- ]tu |pouvez[- ]vous |stp |svp )?(?:enregistre[rz]?|ajoute[rz]?|surveille[rz]?|suis|suivez|inscri[st]|inscrivez)\b.*\b(?:certif\w*|certs?)\b/,
  },
  { intent: 'reminders', language: 'en', pattern: /^(?:please |can you |could you )?(?:register|track|watch|monitor|add)\b.*\b(?:certificates?|certs?)\b/ },
  // « c'est quoi un certificat logiciel IGC Santé ? », "what is the GRADeS?", « le certificat ORG sert à quoi ? »: the thing
  // asked about right after the asking words (« c'est quoi le préavis de l'ANS ? » is about the notice, not the ANS).
  {
    intent: 'kb.about',
    language: 'fr',
    pattern:
      /\b(?:c est quoi|qu est-ce qu(?:e|e c est|un|une)?|qu est ce qu(?:e|e c est|un|une)?|que (?:veut dire|signifie)|definition d(?:e|u|es)?)\s+(?:exactement\s+|vraiment\s+)?(?:(?:l|le|la|les|un|une|des|ce|cette)\s+)?(?:certificats? logiciels?|certificats? igc|igc sante|igc|ans|agence du numerique|grades|certificats? (?:org|serv)|auth_cli)\b(?!\s+(?:e-?mail|mail|address|adresse|contact|phone|telephone|numero|number|preavis|notice|delai|deadline|site|website|url|lien|link|team|equipe|platform|plateforme|portal|guide|faq))|^(?:(?:le|la|les|un|une)\s+)?(?:certificats? (?:logiciels?|org|serv|igc)(?: [a-z_]+)?|grades|ans|igc sante)\b.{0,30}\b(?:sert a quoi|servent a quoi|c est quoi)\b/,
  },
  {
    intent: 'kb.about',
    language: 'en',
    pattern:
      /\b(?:what is|what s|whats|what are|definition of|meaning of)\s+(?:exactly\s+|really\s+)?(?:(?:the|a|an)\s+)?(?:software certificates?|igc sante|igc|ans|grades|org certificates?|serv certificates?|auth_cli)\b(?!\s+(?:e-?mail|mail|address|adresse|contact|phone|telephone|numero|number|preavis|notice|delai|deadline|site|website|url|lien|link|team|equipe|platform|plateforme|portal|guide|faq))|\b(?:is|are) (?:the )?grades (?:the same|different|part)|\bwhat (?:is|are) (?:an? |the )?(?:org|serv) certificates? for\b/,
  },
  // « préviens aussi ma collègue », "remind my colleague too": another person for a certificate's reminders (made from
  // the certificate's destinations, which the register shows).
  {
    intent: 'register.show',
    language: 'fr',
    pattern: /\b(?:previen\w*|prevenir|rappel\w*|ajout\w*|avertis\w*|avertir|alert\w*)\b.*\b(?:collegues?|un autre responsable|une autre personne|quelqu un d autre|co-?responsable)\b/,
  },
  { intent: 'register.show', language: 'en', pattern: /\b(?:notify|remind|warn|add|alert|include|cc)\b.*\b(?:colleagues?|co-?workers?|someone else|another person|another owner|a co-?owner)\b/ },
  { intent: 'register.list', language: 'fr', pattern: /^(voir |liste de |lister )?(mes|nos) certificats( enregistres)?$|^(mes|nos) rappels$/ },
  { intent: 'register.list', language: 'en', pattern: /^(show |list )?(my|our) (certificates|reminders)$/ },
  { intent: 'register.here', language: 'fr', pattern: /^(les )?rappels ici( aussi)?$|^(previens|prevenez|rappelle|rappelez)[- ]?(nous|moi)? ici$/ },
  { intent: 'register.here', language: 'en', pattern: /^(send )?reminders here( too)?$|^remind (us|me) here$/ },
  { intent: 'support.here', language: 'fr', pattern: /^(la )?(file de )?support ici$|^(les )?demandes ici$|^traiter les demandes ici$/ },
  { intent: 'support.here', language: 'en', pattern: /^support (queue )?here$|^(handle|work) (support )?requests here$/ },
  { intent: 'support.mine', language: 'fr', pattern: /^(voir |liste de )?(mes|nos) (demandes|tickets)( de support| d ?assistance)?$/ },
  { intent: 'support.mine', language: 'en', pattern: /^(show |list )?(my|our) (support )?(requests|tickets)$/ },
  { intent: 'support.open', language: 'fr', pattern: /^(les )?(tickets|demandes) (ouverts|ouvertes|en cours)$/ },
  { intent: 'support.open', language: 'en', pattern: /^(show )?open (tickets|requests)$/ },
  { intent: 'support.stats', language: 'fr', pattern: /^(les )?statistiques( du support| des demandes| des tickets)?$|^stats$/ },
  { intent: 'support.stats', language: 'en', pattern: /^(support |ticket )?statistics$|^stats$/ },
  { intent: 'support.export', language: 'fr', pattern: /^(exporter|export|extraire|extraction)( les| des)? (tickets|demandes)( en csv| au format csv)?$|^export csv$/ },
  { intent: 'support.export', language: 'en', pattern: /^export (the |all )?(tickets|requests)( to csv| as csv)?$|^csv export$/ },
  {
    intent: 'support.human',
    language: 'fr',
    pattern: /^(ouvrir|creer|faire|deposer) (un |une )?(ticket|demande( de support| d ?assistance)?)$|^(contacter|ecrire a) ((l )?ans|le grades|(l )?equipe certificats)$/,
  },
  { intent: 'support.human', language: 'en', pattern: /^(open|create|raise|file) a (ticket|support request)$|^(contact the|email (the )?|write to (the )?)(ans|grades)$/ },
  // A request for a person is one whatever follows it: « je veux parler à quelqu'un : notre certificat a expiré ».
  {
    intent: 'support.human',
    language: 'fr',
    pattern: /^(bonjour |svp )?(je (veux|voudrais|souhaite|souhaiterais|dois|aimerais) )?(parler|echanger) (a|avec) (quelqu un|une personne|un conseiller|un humain|un agent|le support)\b/,
  },
  { intent: 'support.human', language: 'en', pattern: /^(hi |hello )?(i (need|want|would like) (a human|a person|to (talk|speak) to (someone|a person|a human|an agent|support)))\b/ },
  // A conversation's coming expiries (the team command « échéances »).
  { intent: 'expiries.upcoming', language: 'fr', pattern: /^(les |nos |voir les )?(prochaines )?echeances( a venir)?( ici| du canal| de l equipe)?$|^(les )?certificats (a renouveler|qui expirent)( ici)?$/ },
  { intent: 'expiries.upcoming', language: 'en', pattern: /^(show |list )?(the |our )?(upcoming|next|coming) (expiries|expiry dates|expirations|renewals)( here)?$/ },
  // Yes / no, for questions the bot asks.
  // « ok » is both languages' word: it says nothing of the language to answer in.
  { intent: 'answer.yes', language: undefined, pattern: /^(ok|okay)$/ },
  { intent: 'answer.yes', language: 'fr', pattern: /^(oui|ouais|ok|d accord|dac|confirme[rz]?|vas y|allez y|oui supprimer|je confirme)( merci)?$/ },
  { intent: 'answer.yes', language: 'en', pattern: /^(yes|yep|yeah|y|sure|confirm|go ahead|yes delete|ok)( please| thanks)?$/ },
  { intent: 'answer.no', language: 'fr', pattern: /^(non|nan|annule[rz]?|laisse[rz]? tomber|surtout pas|non garder|non merci)$/ },
  { intent: 'answer.no', language: 'en', pattern: /^(no|nope|n|cancel|never mind|nevermind|no keep|no thanks|stop)$/ },
  // "?" alone: normalization strips punctuation, so this one pattern reads the raw text.
  { intent: 'help', language: undefined, pattern: /^\s*\?+\s*$/, raw: true },
  // Help before greeting: "bonjour, que sais-tu faire ?" asks for help.
  { intent: 'help', language: 'fr', pattern: /^(aide|help ?moi|au secours|menu)$|\b(que|qu est[- ]ce que) (tu |vous )?(sais|peux|savez|pouvez)[- ]?(tu|vous)? ?(faire)?\b|\b(comment|a quoi) (ca marche|tu sers|sers[- ]tu|servez[- ]vous)\b|\baide[- ]moi\b|\bj ai besoin d aide\b|\bpar ou (commencer|je commence|on commence|debuter)\b/ },
  { intent: 'help', language: 'en', pattern: /^(help|menu)$|\bwhat (can|do) (you|u) do\b|\bhow (does this|do you) work\b|\bwhat are you for\b|\bhelp me\b|\bi need help\b|\bwhere (do|should|can) (i|we) (start|begin)\b/ },
  { intent: 'greeting', language: 'fr', pattern: /^(bonjour|bonsoir|salut|coucou|bjr|slt|hello certibot|bonjour certibot)( a tous| certibot| tout le monde)?$/ },
  { intent: 'greeting', language: 'en', pattern: /^(hi|hello|hey|good (morning|afternoon|evening)|hiya|howdy)( there| certibot| everyone)?$/ },
  { intent: 'thanks', language: 'fr', pattern: /^(super |parfait |top |nickel |ok |genial )?merci( beaucoup| bien| a (toi|vous)| pour (ta|votre|cette) (aide|reponse)| c est (parfait|clair|top))*( certibot)?$/ },
  { intent: 'thanks', language: 'en', pattern: /^(great |perfect |ok )?(thanks|thank you|thx|cheers)( a lot| so much| very much| for (your|the) (help|answer))*( certibot)?$/ },
];
