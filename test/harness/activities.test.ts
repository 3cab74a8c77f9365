import { executeAction, fileMessage, groupChat, installationUpdate, message, personalChat, submitAction, teamChannel, teamsDelivers } from './activities';

/** The harness hands the bot only what Teams would: tests cannot lean on a channel message Teams never delivers. */
describe('what Teams delivers to the bot', () => {
  const serviceUrl = 'http://127.0.0.1:9/';
  const channel = teamChannel({ serviceUrl });
  const group = groupChat({ serviceUrl });
  const personal = personalChat({ serviceUrl });

  it('every message of a personal chat, mentioned or not', () => {
    expect(teamsDelivers(message(personal, '15/03/2030'))).toBe(true);
    expect(teamsDelivers(fileMessage(personal, { name: 'x.cer', downloadUrl: 'http://127.0.0.1:9/x.cer' }))).toBe(true);
  });

  it.each([
    ['a channel', channel],
    ['a group chat', group],
  ])('in %s, only the messages that @mention the bot', (_, chat) => {
    expect(teamsDelivers(message(chat, 'aide'))).toBe(true);
    expect(teamsDelivers(message(chat, '15/03/2030', { mention: false }))).toBe(false);
    expect(teamsDelivers(fileMessage(chat, { name: 'x.cer', downloadUrl: 'http://127.0.0.1:9/x.cer' }))).toBe(false);
  });

  it('a mention of someone else is no mention of the bot', () => {
    const other = message(channel, 'aide', { mention: false });
    const mentioningAlex = { ...other, entities: [...other.entities, { type: 'mention', text: '<at>Alex</at>', mentioned: { id: '29:1alex', name: 'Alex' } }] };
    expect(teamsDelivers(mentioningAlex)).toBe(false);
  });

  it('card actions, invokes and conversation events always', () => {
    expect(teamsDelivers(submitAction(channel, { verb: 'help' }))).toBe(true);
    expect(teamsDelivers(executeAction(group, { verb: 'help' }))).toBe(true);
    expect(teamsDelivers(installationUpdate(channel, 'add'))).toBe(true);
  });
});
