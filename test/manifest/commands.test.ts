import fs from 'node:fs';
import path from 'node:path';
import { message, type TeamsChat } from '../harness/activities';
import { harnessPerSuite, type BotHarness } from '../harness/bot-harness';

/**
 * The commands Teams offers in its compose box come from the manifest's command lists, in French (manifest.json) and
 * in English (its localization file). Each title, sent as a user would pick it in each scope its list is for, must
 * reach the feature its description promises: this reads the manifest, sends every title through /api/messages and
 * checks which handler answered (the turn's log line).
 */
const MANIFEST_DIR = path.resolve(__dirname, '../../manifest');

interface CommandList {
  readonly scopes: readonly string[];
  readonly commands: ReadonlyArray<{ readonly title: string }>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as {
  bots: Array<{ commandLists: CommandList[] }>;
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
};
const lists = manifest.bots[0]?.commandLists ?? [];

/** What each command title must reach, in every language the manifest speaks. */
const HANDLER: Readonly<Record<string, string>> = {
  aide: 'intent:help',
  help: 'intent:help',
  'mes certificats': 'intent:register.list',
  'my certificates': 'intent:register.list',
  'durée de validité': 'intent:kb.validity',
  'how long is it valid': 'intent:kb.validity',
  renouveler: 'intent:kb.renewal',
  renew: 'intent:kb.renewal',
  rappels: 'intent:reminders',
  reminders: 'intent:reminders',
  'parle anglais': 'intent:language.en',
  'speak French': 'intent:language.fr',
  'supprime mes données': 'intent:privacy.erase',
  'delete my data': 'intent:privacy.erase',
  'rappels ici': 'intent:register.here',
  'reminders here': 'intent:register.here',
  échéances: 'intent:expiries.upcoming',
  'upcoming expiries': 'intent:expiries.upcoming',
};

/** Every (language, scope, title) the manifest offers. */
function offered(): Array<[string, string, string]> {
  const languages: Array<[string, (list: number, command: number) => string | undefined]> = [
    [manifest.localizationInfo.defaultLanguageTag, (l, c) => lists[l]?.commands[c]?.title],
    ...manifest.localizationInfo.additionalLanguages.map(({ languageTag, file }): [string, (l: number, c: number) => string | undefined] => {
      const strings = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8')) as Record<string, string>;
      return [languageTag, (l, c) => strings[`bots[0].commandLists[${l}].commands[${c}].title`]];
    }),
  ];
  return languages.flatMap(([language, titleOf]) =>
    lists.flatMap((list, l) =>
      list.commands.flatMap((_, c) => list.scopes.map((scope): [string, string, string] => [language, scope, titleOf(l, c) ?? `(no title for list ${l} command ${c})`])),
    ),
  );
}

let harness: BotHarness;
harnessPerSuite((started) => (harness = started), { captureLogs: 'info', env: { REMINDER_TICK_SECONDS: '3600' } });

function chatFor(scope: string, language: string): TeamsChat {
  const locale = language.startsWith('fr') ? 'fr-FR' : 'en-GB';
  if (scope === 'personal') return harness.personalChat({ locale });
  if (scope === 'groupChat') return harness.groupChat({ locale });
  if (scope === 'team') return harness.teamChannel({ locale });
  throw new Error(`scope ${scope}`);
}

describe('every command of the manifest reaches the feature it describes', () => {
  it('the manifest offers commands in two languages and every scope', () => {
    expect(new Set(offered().map(([language]) => language))).toEqual(new Set(['fr-FR', 'en']));
    expect(new Set(offered().map(([, scope]) => scope))).toEqual(new Set(['personal', 'team', 'groupChat']));
  });

  it.each(offered())('%s, in a %s conversation: « %s »', async (language, scope, title) => {
    expect(HANDLER).toHaveProperty([title]);
    const from = harness.logs.length;

    // In a team or group chat Teams puts the @mention in front of the command, as message() does.
    const turn = await harness.send(message(chatFor(scope, language), title));

    expect(turn.status).toBe(200);
    const handled = harness.logs.slice(from).filter((line) => line.msg === 'turn').map((line) => line.handledAs);
    expect(handled).toEqual([HANDLER[title]]);
  });
});
