import { isWireActivity, type ConnectorCall } from './connector-calls';
import { connectorError, type ScriptedResponse } from './connector-faults';

/**
 * The largest activity the Teams connector takes, as JSON. Teams documents about 100 KB for a message (and 28 KB for
 * one Adaptive Card); above it the service answers 413 MessageSizeTooBig and posts nothing.
 */
export const MAX_ACTIVITY_BYTES = 100 * 1024;

/** What a call that carries an activity (a send, a reply, an update) must hold for Teams to take it, or why not. */
function missingField(body: unknown): string | undefined {
  if (!isWireActivity(body)) return 'the body is not an activity';
  if (typeof body.type !== 'string' || body.type === '') return 'type';
  if (body.type !== 'message') return undefined;
  const text = typeof body.text === 'string' && body.text.trim() !== '';
  const attachments = Array.isArray(body.attachments) ? (body.attachments as unknown[]) : [];
  if (!text && attachments.length === 0) return 'text or attachments';
  for (const [index, attachment] of attachments.entries()) {
    if (!isWireActivity(attachment)) return `attachments[${index}]`;
    if (typeof attachment.contentType !== 'string' || attachment.contentType === '') return `attachments[${index}].contentType`;
    if (!isWireActivity(attachment.content) && typeof attachment.contentUrl !== 'string') return `attachments[${index}].content`;
  }
  return undefined;
}

/**
 * How the Teams connector refuses an activity it cannot post, whatever the caller's credentials: 413 above the size
 * limit, 400 when a required field is missing. Undefined when Teams would take it (or the call carries no activity).
 */
export function teamsRefusal(call: Pick<ConnectorCall, 'kind'>, rawBytes: number, body: unknown): ScriptedResponse | undefined {
  if (call.kind !== 'send' && call.kind !== 'reply' && call.kind !== 'update') return undefined;
  if (rawBytes > MAX_ACTIVITY_BYTES) return connectorError(413, 'MessageSizeTooBig', 'Message size too big.');
  const missing = missingField(body);
  return missing === undefined ? undefined : connectorError(400, 'BadArgument', `Activity is missing ${missing}.`);
}
