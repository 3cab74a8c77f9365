import type { Locale } from '../../src/domain/locale';
import { CONVERSATION_PATTERNS } from '../../src/understanding/conversation-patterns';
import type { IntentName } from '../../src/understanding/intents';
import { PatternRecognizer } from '../../src/understanding/pattern-recognizer';

const recognizer = new PatternRecognizer(CONVERSATION_PATTERNS);

/** What the recognizer answers, reduced to the intent and the language the phrase is written in. */
function read(text: string): [IntentName, Locale | undefined] {
  const { intent, language } = recognizer.recognize(text);
  return [intent, language];
}

type Row = readonly [text: string, intent: IntentName, language: Locale | undefined];

const MATCHES: readonly Row[] = [
  // Greetings
  ['bonjour', 'greeting', 'fr'],
  ['Bonjour !', 'greeting', 'fr'],
  ['Salut', 'greeting', 'fr'],
  ['coucou', 'greeting', 'fr'],
  ['bonsoir tout le monde', 'greeting', 'fr'],
  ['bonjour certibot', 'greeting', 'fr'],
  ['hello', 'greeting', 'en'],
  ['Hi!', 'greeting', 'en'],
  ['hey there', 'greeting', 'en'],
  ['Good morning', 'greeting', 'en'],
  ['hi certibot', 'greeting', 'en'],
  // Help
  ['aide', 'help', 'fr'],
  ['Au secours', 'help', 'fr'],
  ['que sais-tu faire', 'help', 'fr'],
  ['Que sais-tu faire ?', 'help', 'fr'],
  ['bonjour, que sais-tu faire ?', 'help', 'fr'],
  ['que pouvez-vous faire ?', 'help', 'fr'],
  ['comment ça marche ?', 'help', 'fr'],
  ["j'ai besoin d'aide", 'help', 'fr'],
  ['help', 'help', 'en'],
  ['hi, what can you do?', 'help', 'en'],
  ['What do you do?', 'help', 'en'],
  ['how does this work?', 'help', 'en'],
  ['I need help', 'help', 'en'],
  ['?', 'help', undefined],
  ['??', 'help', undefined],
  [' ?? ', 'help', undefined],
  // Language switches
  ['parle anglais', 'language.en', 'fr'],
  ['Parle-moi en anglais', 'language.en', 'fr'],
  ['anglais svp', 'language.en', 'fr'],
  ['en français', 'language.fr', 'fr'],
  ['Français', 'language.fr', 'fr'],
  ['réponds en français', 'language.fr', 'fr'],
  ['switch to French', 'language.fr', 'en'],
  ['in french', 'language.fr', 'en'],
  ['english please', 'language.en', 'en'],
  ['English', 'language.en', 'en'],
  ['speak English', 'language.en', 'en'],
  // Privacy
  ['supprime mes données', 'privacy.erase', 'fr'],
  ['Supprime toutes mes données', 'privacy.erase', 'fr'],
  ['efface mes infos', 'privacy.erase', 'fr'],
  ['RGPD', 'privacy.erase', 'fr'],
  ['delete my data', 'privacy.erase', 'en'],
  ['delete everything you know about me', 'privacy.erase', 'en'],
  ['where do I start?', 'help', 'en'],
  ['par où commencer ?', 'help', 'fr'],
  ['forget me', 'privacy.erase', 'en'],
  ['what data do you keep about me?', 'privacy.erase', 'en'],
  ['efface tout ce que vous savez sur moi', 'privacy.erase', 'fr'],
  ['quelles données gardez-vous sur moi ?', 'privacy.erase', 'fr'],
  ['supprime mon compte', 'privacy.erase', 'fr'],
  ['Please erase all my data', 'privacy.erase', 'en'],
  ['forget me', 'privacy.erase', 'en'],
  ['GDPR', 'privacy.erase', 'en'],
  // Yes / no
  ['oui', 'answer.yes', 'fr'],
  ['Oui !', 'answer.yes', 'fr'],
  ["d'accord", 'answer.yes', 'fr'],
  ['je confirme', 'answer.yes', 'fr'],
  ['oui supprimer', 'answer.yes', 'fr'],
  ['ok', 'answer.yes', undefined], // both languages' word: it says nothing of the language
  ['yes', 'answer.yes', 'en'],
  ['Yes please', 'answer.yes', 'en'],
  ['go ahead', 'answer.yes', 'en'],
  ['non', 'answer.no', 'fr'],
  ['non merci', 'answer.no', 'fr'],
  ['Annuler', 'answer.no', 'fr'],
  ['laisse tomber', 'answer.no', 'fr'],
  ['no', 'answer.no', 'en'],
  ['nope', 'answer.no', 'en'],
  ['cancel', 'answer.no', 'en'],
  ['no thanks', 'answer.no', 'en'],
  // Support agents' gap report
  ['questions sans réponse', 'support.gaps', 'fr'],
  ['voir les lacunes', 'support.gaps', 'fr'],
  ['unanswered questions', 'support.gaps', 'en'],
  ['Show the gaps', 'support.gaps', 'en'],
  // Thanks
  ['merci', 'thanks', 'fr'],
  ['Merci beaucoup !', 'thanks', 'fr'],
  ['super merci', 'thanks', 'fr'],
  ['thanks', 'thanks', 'en'],
  ['Thank you', 'thanks', 'en'],
  ['cheers', 'thanks', 'en'],
];

const NOT_MATCHES: readonly string[] = [
  // Deleting a certificate or a reminder is not erasing one's personal data.
  'supprime le certificat DMP',
  'efface mes rappels',
  'remove the INSi certificate',
  'bonjour, mon certificat expire quand ?',
  'hello, my certificate expires when?',
  'parle-moi du certificat',
  'english is hard',
  'je veux supprimer mon certificat',
  'delete my certificate',
  'oui mais',
  'yes but why',
  'non je veux savoir',
  'mon certificat a expiré',
  'FINESS 750712184',
  '!!!',
  '?!',
  'quelles questions sans réponse as-tu eues avec mon certificat ?',
];

describe('PatternRecognizer over the conversation patterns', () => {
  test.each(MATCHES)('%j is %s, written in %s', (text, intent, language) => {
    expect(read(text)).toEqual([intent, language]);
  });

  test('a match scores 1', () => {
    expect(recognizer.recognize('parle anglais').score).toBe(1);
  });

  test.each(NOT_MATCHES)('%j matches no conversational pattern', (text) => {
    expect(recognizer.recognize(text)).toEqual({ intent: 'none', score: 0, language: undefined });
  });

  test('"bonjour, …" followed by a question is not a plain greeting', () => {
    expect(read('bonjour, mon certificat expire quand ?')[0]).not.toBe('greeting');
    expect(read('bonjour')[0]).toBe('greeting');
  });

  test('"parle anglais" is a language switch, not a greeting, even after a greeting', () => {
    expect(read('bonjour, parle anglais')).toEqual(['language.en', 'fr']);
  });

  test('the first matching pattern wins', () => {
    const custom = new PatternRecognizer([
      { intent: 'thanks', language: 'en', pattern: /^merci$/ },
      { intent: 'thanks', language: 'fr', pattern: /^merci$/ },
    ]);
    expect(custom.recognize('Merci')).toEqual({ intent: 'thanks', score: 1, language: 'en' });
  });

  test('an empty table recognizes nothing', () => {
    expect(new PatternRecognizer([]).recognize('bonjour')).toEqual({ intent: 'none', score: 0, language: undefined });
  });
});
