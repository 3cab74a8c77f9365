import { createHash, randomBytes } from 'node:crypto';

/**
 * The token of a link that expires (a calendar file, a ticket export): 256 random bits, URL-safe. Only its SHA-256 is
 * stored, so a database leak gives no working link.
 */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
