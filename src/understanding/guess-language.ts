import type { Locale } from '../domain/locale';
import { normalizeText } from '../parsing/normalize';

/**
 * Frequent words that give a message's language away. Words shared by both languages, or that normalize to one
 * ("à" → "a", "on" in "on a"), are left out: "a", "on", "ans" (years, or the ANS), "hello", "menu", "options".
 */
const MARKERS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  fr: new Set(
    'le la les de du des un une est et pour mon ma mes nos notre votre vos je j nous vous il elle ils quand comment combien ou quel quelle quels quelles est-ce que qu qui avec sur dans pas plus faut peut peux puis dois doit certificat certificats renouveler renouvellement valable bonjour bonsoir salut coucou merci aide mettre avant apres expire expiree date delivre sites etablissement cliniques jusqu mois jours c ce ca cette ces au aux sont quoi faire avoir etre leur mais svp stp tu te toi moi sers sais y deja encore aussi chez notre depuis hier'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the an is are was be been and for my our your i we you it when how much many where which what who whom with in not more must can could should would do does did certificate certificates renew renewal valid hi hey thanks thank please help before after expires expire expired expiry issued sites establishment clinics until month months years days share to of this that there these from about has have had get got need want us or by'.split(
      ' ',
    ),
  ),
};

/** The language a message is written in, when its words say so clearly; undefined for short or mixed text. */
export function guessLanguage(text: string): Locale | undefined {
  const words = normalizeText(text).split(' ');
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (MARKERS.fr.has(word)) fr += 1;
    if (MARKERS.en.has(word)) en += 1;
  }
  if (fr === en) return undefined;
  if (fr > en && fr >= 2 * en) return 'fr';
  if (en > fr && en >= 2 * fr) return 'en';
  return undefined;
}
