/**
 * Secrets never travel. A certificate request must never carry a private key, a PKCS#12 file or the PIN / password
 * that protects one: what looks like one is refused before anything is stored, relayed or e-mailed, with the reason.
 */
export type SecretKind = 'private-key' | 'pkcs12' | 'password';

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----|-----BEGIN ENCRYPTED PRIVATE KEY-----|-----BEGIN OPENSSH PRIVATE KEY-----/i;
/**
 * "mot de passe : Hopital2024!", "password is S3cret-pass", "PIN 482913": a password word, then (after ":", "=",
 * "est", "is") a value with a digit or a symbol — so that « mon mot de passe est perdu » is a question, not a secret.
 */
const PASSWORD = /\b(?:mot\s+de\s+passe|mdp|passphrase|password|passwd|pwd)\b[^\n:=]{0,20}?(?:[:=]|\best\b|\bis\b)\s*(?=\S*[\d!@#$%^&*+?])\S{4,}/i;
const PIN = /\b(?:code\s+)?pin\b\s*(?:[:=]|\best\b|\bis\b)?\s*\d{4,8}\b/i;
/** A base64 body of a PKCS#12 file pasted as text begins with these bytes (SEQUENCE, version 3). */
const PKCS12_BASE64 = /\bMII[A-Za-z0-9+/]{3}IBAzCC/;

/** The kind of secret a text carries, or undefined. */
export function secretInText(text: string): SecretKind | undefined {
  if (PRIVATE_KEY.test(text)) return 'private-key';
  if (PKCS12_BASE64.test(text)) return 'pkcs12';
  if (PASSWORD.test(text) || PIN.test(text)) return 'password';
  return undefined;
}

/** The kind of secret an attached file is, by its name or content type, or undefined. */
export function secretInFile(name: string | undefined, contentType: string | undefined): SecretKind | undefined {
  const lower = (name ?? '').toLowerCase();
  if (/\.(p12|pfx)$/.test(lower) || /pkcs-?12|x-pkcs12/i.test(contentType ?? '')) return 'pkcs12';
  if (/\.(key|pvk|ppk)$/.test(lower)) return 'private-key';
  return undefined;
}
