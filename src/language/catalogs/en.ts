import type { MessageKey } from './fr';

export const en: Record<MessageKey, string> = {
  'app.name': 'certibot',
  'welcome.title': "Hello, I'm certibot",
  'welcome.intro':
    'I help you keep your ANS software certificates (IGC Santé) in order: ordering rules, renewal dates, reminders and reaching support.',
  'welcome.team': 'Thanks for adding me to this team. Mention me (@certibot) to ask me something here.',
  'welcome.personal': 'Write to me as you would to a colleague, or pick below.',
  'welcome.languageHint': 'Pour parler français, tapez « français ».',
  'help.title': 'What I can do',
  'help.intro': 'Ask in your own words, or pick:',
  'help.typeHint': 'You can also type "help" at any time.',
  'capability.language.title': 'Change language',
  'capability.language.description': 'I speak French and English. Say "switch to French" or "parle anglais".',
  'capability.language.button': 'Parler français',
  'capability.privacy.title': 'Your data',
  'capability.privacy.description':
    'I keep the minimum (your language, how to reach you). "Delete my data" erases it all.',
  'capability.privacy.button': 'Delete my data',
  'language.switched': "OK, I'll speak English with you from now on.",
  'language.already': "I'm already speaking English with you.",
  'privacy.confirm.title': 'Delete your data?',
  'privacy.confirm.body': 'What I hold about you:',
  'privacy.confirm.question': 'Do you want me to delete all of it? Answer "yes" or "no".',
  'privacy.confirm.yes': 'Yes, delete',
  'privacy.confirm.no': 'No, keep',
  'privacy.nothing': 'I hold no data about you at the moment.',
  'privacy.deleted': 'Done: {count} item(s) deleted.',
  'privacy.deletedAfter': 'If you write to me again, I will keep only what I need to answer you in this conversation.',
  'privacy.cancelled': 'OK, I deleted nothing.',
  'privacy.expired': 'This deletion request is no longer pending: nothing was deleted. Say "delete my data" to start again.',
  'privacy.category.preferences': 'your language preference ({count})',
  'privacy.category.conversations': 'the reference of our personal chat, to write to you ({count})',
  'privacy.category.conversationState': 'the state of our ongoing exchanges ({count})',
  'thanks.reply': "You're welcome! Anything else?",
  'fallback.notUnderstood': 'I did not understand your request. Type "help" to see what I can do.',
  'input.empty': 'Your message is empty. Type "help" to see what I can do.',
  'input.badAction':
    'I could not process this action: it is incomplete or does not come from one of my cards. Nothing was changed.',
  'error.generic':
    'Sorry, a technical problem kept me from answering. Nothing was changed; please try again in a moment. (ref. {ref})',
};
