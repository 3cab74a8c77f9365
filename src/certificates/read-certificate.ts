import { X509Certificate } from 'node:crypto';
import { checkFiness } from '../domain/finess';

/** A certificate file is a few KB; anything bigger is refused before it is parsed. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;

/** What certibot reads from a certificate file a user shares: enough to talk about its issuer and expiry. */
export interface CertificateInfo {
  /** One line, most specific first, RFC 4514 escaping kept: "CN=INSI-AUTO, OU=1010780914, O=CH EXEMPLE, C=FR". */
  readonly subject: string;
  readonly subjectCommonName: string | undefined;
  readonly issuer: string;
  readonly issuerCommonName: string | undefined;
  /** The issuer names IGC-SANTE (case-insensitive, with or without the dash or a space). */
  readonly igcSante: boolean;
  /** Hexadecimal, upper case, as `openssl x509 -serial` prints it. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** A valid FINESS found in the subject (OU "1" + FINESS, or a FINESS-shaped token whose key is right): a hint, never a rule. */
  readonly finessHint: string | undefined;
  /** SHA-256 of the DER, "AB:CD:…" as openssl prints it. */
  readonly fingerprintSha256: string;
  /** More than 1 for a PEM bundle, whose first leaf (a certificate that is not a CA, else the first) is described. */
  readonly certificatesInFile: number;
}

export type CertificateReadError =
  | { readonly reason: 'empty' }
  | { readonly reason: 'too-large'; readonly bytes: number }
  /** A private key, alone or beside a certificate: the caller must refuse it, warn the user and discard the bytes. */
  | { readonly reason: 'private-key' }
  /** A PKCS#12 (.p12/.pfx) container, which normally holds a private key. */
  | { readonly reason: 'pkcs12' }
  | { readonly reason: 'not-a-certificate'; readonly detected?: 'jpeg' | 'png' | 'pdf' | 'zip' | 'text' | 'unknown' };

export type CertificateReadResult =
  | { readonly ok: true; readonly certificate: CertificateInfo }
  | { readonly ok: false; readonly error: CertificateReadError };

type Detected = NonNullable<Extract<CertificateReadError, { reason: 'not-a-certificate' }>['detected']>;

/**
 * Reads an X.509 certificate file: PEM (one or several blocks, text around allowed) or DER, whatever its name says.
 * The content alone decides (`fileName` is accepted for symmetry with callers and ignored), and the bytes are not
 * kept. Private keys and PKCS#12 containers are recognised so that the caller can warn instead of describing them.
 */
export function readCertificate(bytes: Uint8Array, _fileName?: string): CertificateReadResult {
  if (bytes.byteLength === 0) return failure({ reason: 'empty' });
  if (bytes.byteLength > MAX_CERTIFICATE_BYTES) return failure({ reason: 'too-large', bytes: bytes.byteLength });
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const magic = sniffMagic(buffer);
  if (magic) return notACertificate(magic);

  if (buffer[0] === 0x30) {
    const der = readDer(buffer);
    if (der) return der;
    // Not DER after all: text that starts with "0" goes on to the text path.
  }

  const text = decodeForPem(buffer);
  if (text.trim() === '') return failure({ reason: 'empty' });
  if (PRIVATE_KEY_PEM.test(text)) return failure({ reason: 'private-key' });

  const certificates = pemCertificates(text);
  const chosen = certificates.find((certificate) => !certificate.ca) ?? certificates[0];
  const described = chosen ? describe(chosen, certificates.length) : undefined;
  if (described) return { ok: true, certificate: described };
  return notACertificate(looksLikeText(buffer) ? 'text' : 'unknown');
}

function failure(error: CertificateReadError): CertificateReadResult {
  return { ok: false, error };
}

function notACertificate(detected: Detected): CertificateReadResult {
  return failure({ reason: 'not-a-certificate', detected });
}

// --- What the file is, when it is not a certificate --------------------------------------------------------------

function startsWith(buffer: Buffer, signature: readonly number[]): boolean {
  return buffer.length >= signature.length && signature.every((byte, index) => buffer[index] === byte);
}

/** Files people attach by mistake (a screenshot, a scanned letter, an archive), told apart by their first bytes. */
function sniffMagic(buffer: Buffer): Detected | undefined {
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(buffer, [0x50, 0x4b]) && [0x03, 0x05, 0x07].includes(buffer[2] ?? -1)) return 'zip'; // PK\3\4, PK\5\6, PK\7\8
  return undefined;
}

/** Text in UTF-8, UTF-16 (with a BOM) or a single-byte code page: no control characters but whitespace. */
function looksLikeText(buffer: Buffer): boolean {
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) return true;
  for (const byte of buffer) {
    if (byte === 0x7f || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d)) return false;
  }
  return true;
}

/** PEM markers are ASCII, so Latin-1 finds them in any 8-bit text; Windows "Unicode" files are UTF-16. */
function decodeForPem(buffer: Buffer): string {
  if (startsWith(buffer, [0xff, 0xfe])) return buffer.subarray(2).toString('utf16le');
  if (startsWith(buffer, [0xfe, 0xff])) {
    const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return buffer.toString('latin1');
}

// --- PEM ------------------------------------------------------------------------------------------------------------

/** Any private key block, encrypted or not: PKCS#8, PKCS#1, SEC1, OpenSSH… even without its END line. */
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const CERTIFICATE_PEM = /-----BEGIN ((?:X509 |TRUSTED )?CERTIFICATE)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every CERTIFICATE block that parses, in file order; blocks that do not parse are skipped. */
function pemCertificates(text: string): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  for (const match of text.matchAll(CERTIFICATE_PEM)) {
    const body = (match[2] ?? '').replace(/\s+/g, '');
    if (body === '' || !BASE64.test(body)) continue;
    const der = Buffer.from(body, 'base64');
    const certificate = parseX509(firstElement(der) ?? der);
    if (certificate) certificates.push(certificate);
  }
  return certificates;
}

function parseX509(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

// --- DER ------------------------------------------------------------------------------------------------------------

/** One DER/BER element: its tag, where its content starts, and where it ends (undefined for BER indefinite length). */
interface Element {
  readonly tag: number;
  readonly start: number;
  readonly end: number | undefined;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const OID = 0x06;

function elementAt(buffer: Buffer, offset: number): Element | undefined {
  const tag = buffer[offset];
  const first = buffer[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f) return undefined;
  let start = offset + 2;
  if (first < 0x80) return start + first <= buffer.length ? { tag, start, end: start + first } : undefined;
  if (first === 0x80) return (tag & 0x20) !== 0 ? { tag, start, end: undefined } : undefined;
  const count = first & 0x7f;
  if (count > 4) return undefined;
  let length = 0;
  for (let index = 0; index < count; index += 1) {
    const byte = buffer[start + index];
    if (byte === undefined) return undefined;
    length = length * 256 + byte;
  }
  start += count;
  return start + length <= buffer.length ? { tag, start, end: start + length } : undefined;
}

function contentOf(buffer: Buffer, element: Element): Buffer | undefined {
  return element.end === undefined ? undefined : buffer.subarray(element.start, element.end);
}

/** The first complete element of a DER buffer (drops trailing bytes, such as OpenSSL's "trusted" auxiliary data). */
function firstElement(buffer: Buffer): Buffer | undefined {
  const element = elementAt(buffer, 0);
  return element?.end === undefined ? undefined : buffer.subarray(0, element.end);
}

/** The children of a constructed element, up to `limit` of them. */
function childrenOf(buffer: Buffer, parent: Element, limit: number): Element[] {
  const children: Element[] = [];
  let offset = parent.start;
  while (children.length < limit && offset < (parent.end ?? buffer.length)) {
    const child = elementAt(buffer, offset);
    if (!child) break;
    children.push(child);
    if (child.end === undefined) break; // nested indefinite lengths: enough structure has been seen
    offset = child.end;
  }
  return children;
}

const PKCS7_DATA_OR_SIGNED = /^2a864886f70d0107(01|02)$/; // 1.2.840.113549.1.7.1 / .2
const PASSWORD_BASED_ENCRYPTION = /^2a864886f70d01(05|0c01)/; // PKCS#5 (PBES1/PBES2) or PKCS#12 PBE

function readDer(buffer: Buffer): CertificateReadResult | undefined {
  const outer = elementAt(buffer, 0);
  if (!outer || outer.tag !== SEQUENCE) return undefined;
  const children = childrenOf(buffer, outer, 4);
  if (isPkcs12(buffer, children)) return failure({ reason: 'pkcs12' });
  if (isPrivateKey(buffer, children)) return failure({ reason: 'private-key' });
  const der = firstElement(buffer);
  const certificate = der ? parseX509(der) : undefined;
  return certificate ? describeOrUnknown(certificate, 1) : undefined;
}

/** PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo (pkcs7 data or signedData), macData OPTIONAL }. */
function isPkcs12(buffer: Buffer, children: readonly Element[]): boolean {
  const [version, authSafe] = children;
  if (version?.tag !== INTEGER || authSafe?.tag !== SEQUENCE) return false;
  const versionValue = contentOf(buffer, version);
  if (versionValue?.length !== 1 || versionValue[0] !== 3) return false;
  const contentType = elementAt(buffer, authSafe.start);
  const oid = contentType?.tag === OID ? contentOf(buffer, contentType) : undefined;
  return oid !== undefined && PKCS7_DATA_OR_SIGNED.test(oid.toString('hex'));
}

/** DER private keys: PKCS#8 (plain or encrypted), PKCS#1 RSA and SEC1 EC structures. */
function isPrivateKey(buffer: Buffer, children: readonly Element[]): boolean {
  const [first, second, third] = children;
  if (!first || !second) return false;
  if (first.tag === SEQUENCE && second.tag === OCTET_STRING) {
    // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
    const algorithm = elementAt(buffer, first.start);
    const oid = algorithm?.tag === OID ? contentOf(buffer, algorithm) : undefined;
    return oid !== undefined && PASSWORD_BASED_ENCRYPTION.test(oid.toString('hex'));
  }
  if (first.tag !== INTEGER) return false;
  const version = contentOf(buffer, first);
  if (version?.length !== 1) return false;
  const algorithmFirst = second.tag === SEQUENCE ? elementAt(buffer, second.start) : undefined;
  if ((version[0] === 0 || version[0] === 1) && algorithmFirst?.tag === OID && third?.tag === OCTET_STRING) return true; // PKCS#8
  if (version[0] === 0 && second.tag === INTEGER && third?.tag === INTEGER) return true; // PKCS#1 RSAPrivateKey
  return version[0] === 1 && second.tag === OCTET_STRING; // SEC1 ECPrivateKey
}

// --- Describing a certificate ---------------------------------------------------------------------------------------

interface Attribute {
  readonly type: string;
  readonly value: string;
}

interface ParsedName {
  readonly oneLine: string;
  readonly attributes: readonly Attribute[];
}

/**
 * Node prints names one RDN a line, in certificate order, RFC 2253 escaping on ("\," "\+"), control characters as
 * "\0A". One line reads most specific first, as RFC 4514 does; values are unescaped for the attribute list.
 */
function parseName(multiline: string): ParsedName {
  const lines = multiline.split('\n').filter((line) => line.trim() !== '');
  const attributes = lines
    .flatMap((line) => line.split(/(?<!\\) \+ /))
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0
        ? { type: '', value: unescapeValue(pair) }
        : { type: pair.slice(0, equals).trim(), value: unescapeValue(pair.slice(equals + 1)) };
    });
  return { oneLine: [...lines].reverse().join(', '), attributes };
}

function unescapeValue(value: string): string {
  return value.replace(/\\([0-9A-Fa-f]{2}|[\s\S])/g, (_escape, escaped: string) =>
    escaped.length === 2 ? String.fromCharCode(parseInt(escaped, 16)) : escaped,
  );
}

/** The most specific common name: the last CN in certificate order. */
function commonNameOf(name: ParsedName): string | undefined {
  return name.attributes.filter((attribute) => attribute.type.toUpperCase() === 'CN').at(-1)?.value;
}

const IGC_SANTE = /IGC[\s_-]?SANT[EÉ]/i;
const NATIONAL_STRUCTURE_ID = /^1((?:\d{2}|2[AB])\d{7})$/i;

/** A valid FINESS in the subject, first from an OU "1" + FINESS, then from any 9-character token whose key is right. */
function finessHintOf(subject: ParsedName): string | undefined {
  for (const attribute of subject.attributes) {
    if (attribute.type.toUpperCase() !== 'OU') continue;
    const candidate = NATIONAL_STRUCTURE_ID.exec(attribute.value.trim())?.[1];
    const check = candidate ? checkFiness(candidate) : undefined;
    if (check?.valid) return check.value;
  }
  for (const attribute of subject.attributes) {
    for (const token of attribute.value.split(/[^0-9A-Za-z]+/)) {
      if (token.length !== 9) continue;
      const check = checkFiness(token);
      if (check.valid) return check.value;
    }
  }
  return undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OPENSSL_TIME = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d+)? (\d{4}) GMT$/;

/** OpenSSL's "Sep 12 10:00:00 2024 GMT" (Node 20 has no validFromDate), read strictly as UTC. */
function parseOpensslTime(value: string): Date | undefined {
  const match = OPENSSL_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, month, day, hours, minutes, seconds, year] = match;
  const monthIndex = MONTHS.indexOf(month ?? '');
  if (monthIndex < 0) return undefined;
  return new Date(Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds)));
}

/** openssl prints the serial's bytes, so a hex string of odd length gets its leading zero back. */
function formatSerial(serial: string): string {
  const upper = serial.toUpperCase();
  return upper.length % 2 === 1 ? `0${upper}` : upper;
}

function describe(certificate: X509Certificate, certificatesInFile: number): CertificateInfo | undefined {
  const notBefore = parseOpensslTime(certificate.validFrom);
  const notAfter = parseOpensslTime(certificate.validTo);
  if (!notBefore || !notAfter) return undefined;
  const subject = parseName(certificate.subject);
  const issuer = parseName(certificate.issuer);
  const issuerCommonName = commonNameOf(issuer);
  return {
    subject: subject.oneLine,
    subjectCommonName: commonNameOf(subject),
    issuer: issuer.oneLine,
    issuerCommonName,
    igcSante: IGC_SANTE.test(issuer.attributes.map((attribute) => attribute.value).join(' ')),
    serialNumber: formatSerial(certificate.serialNumber),
    notBefore,
    notAfter,
    finessHint: finessHintOf(subject),
    fingerprintSha256: certificate.fingerprint256,
    certificatesInFile,
  };
}

function describeOrUnknown(certificate: X509Certificate, certificatesInFile: number): CertificateReadResult {
  const described = describe(certificate, certificatesInFile);
  return described ? { ok: true, certificate: described } : notACertificate('unknown');
}
