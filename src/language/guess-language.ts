import type { Locale } from '../domain/locale';
import { normalizeText } from './normalize';

/** Frequent words that give a message's language away. Words shared by both languages are left out. */
const MARKERS: Readonly<Record<Locale, ReadonlySet<string>>> = {
  fr: new Set(
    'le la les de du des un une est et pour mon ma mes nos notre votre vos je j on nous vous il quand comment combien ou quel quelle quels est-ce que qui avec sur dans pas plus faut peut peux puis dois doit certificat certificats renouveler renouvellement valable bonjour merci aide mettre avant apres expire date delivre sites etablissement cliniques jusqu mois ans jours'.split(
      ' ',
    ),
  ),
  en: new Set(
    'the a an is are and for my our your i we you it when how much many where which what who with on in not more must can could should do does did certificate certificates renew renewal valid hello hi thanks help before after expires expire expiry issued sites establishment clinics until month months years days share'.split(
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
