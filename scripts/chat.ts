/**
 * `npm run chat`: a conversation with an already running certibot from a terminal, through the same /api/messages
 * endpoint Teams uses. The script plays both Teams sides: it posts the user's activities, and runs a loopback
 * connector (the activities' serviceUrl) that receives the bot's replies and prints them, cards rendered as text.
 *
 *   npm run chat [-- --endpoint http://127.0.0.1:3978/api/messages] [--locale fr-FR] [--user camille]
 *
 * Type a message, `/1`, `/2`… to click a numbered button (`/2 comment=texte` fills a card input), `/help`, `/quit`.
 * Works with a bot in local mode only (no MicrosoftAppId): the loopback connector issues no tokens.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import readline from 'node:readline';
import {
  conversationUpdate,
  executeAction,
  message,
  personalChat,
  submitAction,
  type TeamsActivity,
  type TeamsChat,
} from '../test/harness/activities';
import { renderActivity, renderCard, type CardButton } from '../test/harness/card-text';
import { FakeConnector, type WireActivity } from '../toolkit/fake-connector';
import { httpRequest, type HttpResponse } from '../test/harness/http-client';

const DEFAULT_ENDPOINT = 'http://127.0.0.1:3978/api/messages';

/** "http://127.0.0.1:3978" means its /api/messages: people give the bot's address as often as the endpoint. */
function withMessagesPath(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/api/messages';
    return parsed.toString();
  } catch {
    return url;
  }
}
const USAGE = `Usage: npm run chat [-- --endpoint URL] [--locale fr-FR] [--user NAME]
  --endpoint URL  certibot's /api/messages (default: $CERTIBOT_URL or ${DEFAULT_ENDPOINT})
  --locale TAG    the Teams client's language (default: fr-FR)
  --user NAME     who you are; the same name gives the same Teams user id (default: your login)
Commands: /1, /2… click a button (/2 key=value fills an input), /help, /quit`;

interface Options {
  readonly endpoint: string;
  readonly locale: string;
  readonly user: string;
}

function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--endpoint' || flag === '--locale' || flag === '--user') {
      const value = inline ?? argv[(i += 1)];
      if (!value) throw new Error(`${flag} needs a value`);
      values.set(flag, value);
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  return {
    endpoint: withMessagesPath(values.get('--endpoint') ?? (env.CERTIBOT_URL || DEFAULT_ENDPOINT)),
    locale: values.get('--locale') ?? 'fr-FR',
    user: values.get('--user') ?? os.userInfo().username,
  };
}

/** Ids derived from the user's name: the same person gets the same chat (and saved language) on every run. */
function stableChat(serviceUrl: string, options: Options): TeamsChat {
  const hash = createHash('sha256').update(`certibot-chat:${options.user}`).digest('hex');
  const guid = (offset: number) => {
    const h = hash.slice(offset, offset + 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  };
  return personalChat({
    serviceUrl,
    userId: `29:1chat${hash.slice(0, 24)}`,
    userName: options.user,
    aadObjectId: guid(0),
    tenantId: guid(32),
    botId: '28:00000000-0000-0000-0000-00000000c3b7',
    locale: options.locale,
    conversationId: `a:1chat${hash.slice(24, 56)}`,
  });
}

/** "/2 comment=texte site=75" → button 2 and its input values. */
function parseClick(line: string): { number: number; inputs: Record<string, string> } | undefined {
  const match = /^\/(\d+)(?:\s+(.*))?$/.exec(line.trim());
  if (!match) return undefined;
  const inputs: Record<string, string> = {};
  for (const pair of (match[2] ?? '').match(/\S+=("[^"]*"|\S*)/g) ?? []) {
    const at = pair.indexOf('=');
    inputs[pair.slice(0, at)] = pair.slice(at + 1).replace(/^"|"$/g, '');
  }
  return { number: Number(match[1]), inputs };
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function describeFailure(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

class ChatSession {
  /** The buttons a `/n` clicks: those of the latest turn that showed any. */
  private buttons: CardButton[] = [];
  private newTurn = true;

  constructor(
    private readonly chat: TeamsChat,
    private readonly endpoint: string,
    private readonly print: (text: string) => void,
  ) {}

  /** Prints a delivered activity, numbering its buttons after those of the same turn. */
  show(activity: WireActivity, note = ''): void {
    if (activity.type === 'typing') return;
    const first = this.newTurn ? 1 : this.buttons.length + 1;
    const rendered = renderActivity(activity, first);
    this.adopt(rendered.buttons);
    this.print(`certibot${note}:\n${indent(rendered.text)}`);
  }

  /** Sends a typed line; answers false when the bot could not be reached. */
  say(text: string): Promise<boolean> {
    return this.post(message(this.chat, text));
  }

  async click(number: number, inputs: Record<string, string>): Promise<boolean> {
    const button = this.buttons.find((candidate) => candidate.number === number);
    if (!button) {
      this.print(this.buttons.length ? `(no button ${number}: choose 1 to ${this.buttons.length})` : '(no button to click yet)');
      return true;
    }
    const data = typeof button.data === 'object' && button.data !== null ? { ...(button.data as object), ...inputs } : button.data;
    switch (button.type) {
      case 'Action.Submit':
        this.print(`(clicked "${button.title}")`);
        return this.post(submitAction(this.chat, data));
      case 'Action.Execute':
        this.print(`(clicked "${button.title}")`);
        return this.post(executeAction(this.chat, { verb: button.verb ?? '', data }));
      case 'Action.OpenUrl':
        this.print(`(this button opens ${button.url ?? 'a link'})`);
        return true;
      case 'Action.ShowCard': {
        this.newTurn = false;
        const shown = renderCard(button.card, this.buttons.length + 1);
        this.adopt(shown.buttons);
        this.print(indent(shown.text));
        return true;
      }
      default:
        this.print(`(a ${button.type || 'button'} cannot be clicked here)`);
        return true;
    }
  }

  /** Teams' first word to a bot in a new personal chat: the bot was added. */
  start(): Promise<boolean> {
    return this.post(conversationUpdate(this.chat, 'botAdded'));
  }

  private adopt(buttons: readonly CardButton[]): void {
    if (buttons.length === 0) return;
    if (this.newTurn) this.buttons = [];
    this.newTurn = false;
    this.buttons.push(...buttons);
  }

  private async post(activity: TeamsActivity): Promise<boolean> {
    this.newTurn = true;
    let response: HttpResponse;
    try {
      response = await httpRequest(this.endpoint, { body: activity, timeoutMs: 60_000 });
    } catch (error) {
      this.print(`(certibot did not answer: ${describeFailure(error)}. Is it still running?)`);
      return false;
    }
    if (response.status === 401) {
      this.print('(certibot refused the request: 401. It requires Bot Framework tokens; npm run chat needs a bot in local mode, without MicrosoftAppId.)');
    } else if (response.status >= 300) {
      this.print(`(certibot answered HTTP ${response.status}${response.body ? ` ${response.body}` : ''})`);
    }
    // An Action.Execute is answered in the HTTP response: a card that replaces the clicked one.
    const invoke = response.json as { type?: unknown; value?: unknown } | undefined;
    if (activity.type === 'invoke' && invoke?.type === 'application/vnd.microsoft.card.adaptive') {
      this.show({ type: 'message', attachments: [{ contentType: invoke.type, content: invoke.value }] }, ' (card updated)');
    }
    return true;
  }
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${describeFailure(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }

  let origin: string;
  try {
    origin = new URL(options.endpoint).origin;
  } catch {
    console.error(`Not a URL: ${options.endpoint}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  try {
    await httpRequest(`${origin}/healthz`, { timeoutMs: 3000 });
  } catch (error) {
    console.error(
      `certibot is not running at ${origin} (${describeFailure(error)}).\n` +
        'Start it in another terminal with `npm start`, or point to it with --endpoint URL or CERTIBOT_URL.',
    );
    process.exitCode = 1;
    return;
  }

  const connector = await FakeConnector.start();
  const chat = stableChat(connector.serviceUrl, options);
  const interactive = process.stdin.isTTY === true;
  const print = (text: string) => console.log(text);
  const session = new ChatSession(chat, options.endpoint, print);
  connector.on('activity', (activity: WireActivity) => session.show(activity));
  connector.on('update', (activity: WireActivity) => session.show(activity, ' (message updated)'));

  print(`Talking to ${options.endpoint} as ${options.user} (${chat.locale}). /help for commands, /quit to leave.`);
  const before = connector.activities().length;
  if (await session.start()) {
    if (connector.activities().length === before) print('(certibot already knows this chat: say "bonjour" or "aide")');
  }

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: interactive, prompt: '> ' });
  rl.on('SIGINT', () => rl.close());
  if (interactive) rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    // Piped input is not echoed by the terminal: echo it so that the transcript reads as a conversation.
    if (!interactive && line) print(`> ${line}`);
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') {
      print(USAGE);
    } else if (line) {
      const click = parseClick(line);
      if (click) await session.click(click.number, click.inputs);
      else await session.say(line);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  await connector.close();
}

main().catch((error: unknown) => {
  console.error(`npm run chat failed: ${describeFailure(error)}`);
  process.exitCode = 1;
});
