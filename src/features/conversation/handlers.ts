import { helpCard } from '../../../cards/help-card';
import { welcomeCard } from '../../../cards/welcome-card';
import type { Clock } from '../../domain/clock';
import type { Locale } from '../../domain/locale';
import type { UserPreferencesRepository } from '../../domain/user-preferences';
import { translator } from '../../messages/translator';
import { helpView } from './capabilities';
import type { IntentTable, VerbTable } from '../../conversation/router';
import { cardReply, textReply, type Turn, type TurnOutcome } from '../../conversation/turn';

export interface HandlerDeps {
  readonly users: UserPreferencesRepository;
  readonly clock: Clock;
}

/** The welcome card for a conversation scope, in a locale. */
export function welcome(locale: Locale, scope: 'personal' | 'team'): TurnOutcome {
  return { replies: [cardReply(welcomeCard({ ...helpView(locale), scope }, translator(locale)))] };
}

function help(turn: Turn): Promise<TurnOutcome> {
  return Promise.resolve({ replies: [cardReply(helpCard(helpView(turn.locale), turn.tr))] });
}

type ConversationIntent = 'greeting' | 'help' | 'thanks' | 'language.fr' | 'language.en' | 'answer.yes' | 'answer.no';
type ConversationVerb = 'help' | 'language.set';

/** The conversational part of the intent and verb tables: greeting, help, language. */
export function createConversationHandlers(deps: HandlerDeps): {
  intents: Pick<IntentTable, ConversationIntent>;
  verbs: Pick<VerbTable, ConversationVerb>;
} {
  const switchLanguage = async (turn: Turn, locale: Locale): Promise<TurnOutcome> => {
    const saved = await deps.users.getLocale(turn.request.userId);
    if (saved === locale) return { replies: [textReply(translator(locale)('language.already'))] };
    await deps.users.setLocale(turn.request.userId, locale, deps.clock.now());
    return { replies: [textReply(translator(locale)('language.switched'))], locale };
  };

  const intents: Pick<IntentTable, ConversationIntent> = {
    greeting: (turn) =>
      Promise.resolve(welcome(turn.locale, turn.request.conversationKind === 'personal' ? 'personal' : 'team')),
    help,
    thanks: (turn) => Promise.resolve({ replies: [textReply(turn.tr('thanks.reply'))] }),
    'language.fr': (turn) => switchLanguage(turn, 'fr'),
    'language.en': (turn) => switchLanguage(turn, 'en'),
    // A yes or no with no question pending is not understood: say so rather than guess.
    'answer.yes': (turn) => Promise.resolve({ replies: [textReply(turn.tr('fallback.notUnderstood'))] }),
    'answer.no': (turn) => Promise.resolve({ replies: [textReply(turn.tr('fallback.notUnderstood'))] }),
  };

  const verbs: Pick<VerbTable, ConversationVerb> = {
    help,
    'language.set': (turn, action) => switchLanguage(turn, action.locale),
  };

  return { intents, verbs };
}
