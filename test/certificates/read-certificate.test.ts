import { createHash, X509Certificate } from 'node:crypto';
import {
  MAX_CERTIFICATE_BYTES,
  readCertificate,
  type CertificateInfo,
  type CertificateReadResult,
} from '../../src/certificates/read-certificate';
import {
  EXPIRES,
  IGC_SANTE_CA_CN,
  ISSUED,
  igcSanteChain,
  jpegBytes,
  letsEncryptLike,
  makeCertificate,
  makePkcs12,
  makePrivateKeyDer,
  makePrivateKeyPem,
  pdfBytes,
  pemBundle,
  textBytes,
  type GeneratedCertificate,
} from '../fixtures/certificates';

function certificateOf(result: CertificateReadResult): CertificateInfo {
  if (!result.ok) throw new Error(`expected a certificate, got ${JSON.stringify(result.error)}`);
  return result.certificate;
}

let chain: { ca: GeneratedCertificate; leaf: GeneratedCertificate };
let letsEncrypt: GeneratedCertificate;

beforeAll(async () => {
  chain = await igcSanteChain();
  letsEncrypt = await letsEncryptLike();
});

const LEAF_SUBJECT = 'CN=INSI-AUTO, OU=1010780914, O=CH EXEMPLE, C=FR';

describe('reading a certificate file', () => {
  it('reads a PEM certificate: subject, issuer, common names, serial, dates and fingerprint', () => {
    const certificate = certificateOf(readCertificate(textBytes(chain.leaf.pem), 'insi-auto.pem'));
    expect(certificate).toEqual({
      subject: LEAF_SUBJECT,
      subjectCommonName: 'INSI-AUTO',
      issuer: `CN=${IGC_SANTE_CA_CN}, O=ASIP-SANTE, C=FR`,
      issuerCommonName: IGC_SANTE_CA_CN,
      igcSante: true,
      serialNumber: '0A1B2C3D4E5F',
      notBefore: ISSUED,
      notAfter: EXPIRES,
      finessHint: '010780914',
      fingerprintSha256: new X509Certificate(Buffer.from(chain.leaf.der)).fingerprint256,
      certificatesInFile: 1,
    });
  });

  it('reads the same certificate in DER, whatever the file is called', () => {
    const fromPem = certificateOf(readCertificate(textBytes(chain.leaf.pem)));
    for (const name of ['insi-auto.der', 'insi-auto.cer', 'insi-auto.crt', 'insi-auto.pem', undefined]) {
      expect(certificateOf(readCertificate(chain.leaf.der, name))).toEqual(fromPem);
    }
  });

  it('gives the SHA-256 fingerprint of the DER, colon-separated in upper case as openssl prints it', () => {
    const expected = createHash('sha256')
      .update(chain.leaf.der)
      .digest('hex')
      .toUpperCase()
      .match(/../g)
      ?.join(':');
    expect(certificateOf(readCertificate(chain.leaf.der)).fingerprintSha256).toBe(expected);
  });

  it('reads a PEM file with Windows line endings and text around the block', () => {
    const windows = `Certificat INSi du CH\r\n\r\n${chain.leaf.pem.replace(/\r?\n/g, '\r\n')}\r\nFin du fichier\r\n`;
    expect(windows).toContain('\r\n');
    expect(certificateOf(readCertificate(textBytes(windows), 'cert.cer')).subject).toBe(LEAF_SUBJECT);
  });

  it('reads a PEM file saved as UTF-16 by Windows Notepad', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chain.leaf.pem, 'utf16le')]);
    expect(certificateOf(readCertificate(new Uint8Array(utf16))).subjectCommonName).toBe('INSI-AUTO');
  });

  it('reads the bytes of a Uint8Array that is a window on a larger buffer', () => {
    const padded = new Uint8Array(chain.leaf.der.length + 20);
    padded.set(chain.leaf.der, 10);
    const window = padded.subarray(10, 10 + chain.leaf.der.length);
    expect(certificateOf(readCertificate(window)).serialNumber).toBe('0A1B2C3D4E5F');
  });

  it('gives the validity dates exactly as generated, to the second, in UTC', async () => {
    const notBefore = new Date('2023-01-31T23:59:59Z');
    const notAfter = new Date('2051-02-28T00:00:01Z'); // after 2049: GeneralizedTime instead of UTCTime
    const generated = await makeCertificate({ issuerCN: 'AC TEST', subject: { CN: 'dates' }, notBefore, notAfter });
    const certificate = certificateOf(readCertificate(generated.der));
    expect(certificate.notBefore.toISOString()).toBe('2023-01-31T23:59:59.000Z');
    expect(certificate.notAfter.toISOString()).toBe('2051-02-28T00:00:01.000Z');
  });

  it('keeps accents and escapes commas in the one-line subject, and unescapes the common name', async () => {
    const generated = await makeCertificate({
      issuerCN: 'AC TEST',
      subject: { CN: 'Dupont, Jean', O: 'CH SAINT-ÉTIENNE' },
      notBefore: ISSUED,
      notAfter: EXPIRES,
    });
    const certificate = certificateOf(readCertificate(generated.der));
    expect(certificate.subject).toBe('CN=Dupont\\, Jean, O=CH SAINT-ÉTIENNE, C=FR');
    expect(certificate.subjectCommonName).toBe('Dupont, Jean');
  });

  it('has no common name when the subject has none', async () => {
    const generated = await makeCertificate({
      issuerCN: 'AC TEST',
      subject: { O: 'CH EXEMPLE' },
      notBefore: ISSUED,
      notAfter: EXPIRES,
    });
    const certificate = certificateOf(readCertificate(generated.der));
    expect(certificate.subject).toBe('O=CH EXEMPLE, C=FR');
    expect(certificate.subjectCommonName).toBeUndefined();
  });
});

describe('serial numbers', () => {
  it.each([
    ['0a1b2c3d4e5f', '0A1B2C3D4E5F'],
    ['01', '01'],
    ['7f', '7F'],
    ['00ff01', 'FF01'], // DER's sign byte is not part of the number, as with openssl x509 -serial
    ['1234567890abcdef1234567890abcdef', '1234567890ABCDEF1234567890ABCDEF'],
  ])('serial %s reads as %s', async (serialNumber, expected) => {
    const generated = await makeCertificate({
      issuerCN: 'AC TEST',
      subject: { CN: 'serial' },
      notBefore: ISSUED,
      notAfter: EXPIRES,
      serialNumber,
    });
    expect(certificateOf(readCertificate(generated.der)).serialNumber).toBe(expected);
  });
});

describe('PEM bundles', () => {
  it('describes the leaf when the CA comes first, and counts both certificates', () => {
    const certificate = certificateOf(readCertificate(textBytes(pemBundle([chain.ca.pem, chain.leaf.pem]))));
    expect(certificate.subjectCommonName).toBe('INSI-AUTO');
    expect(certificate.certificatesInFile).toBe(2);
  });

  it('describes the leaf when it comes first, too', () => {
    const certificate = certificateOf(readCertificate(textBytes(pemBundle([chain.leaf.pem, chain.ca.pem], '\r\n'))));
    expect(certificate.subjectCommonName).toBe('INSI-AUTO');
    expect(certificate.certificatesInFile).toBe(2);
  });

  it('describes the first certificate when every certificate is a CA', () => {
    const certificate = certificateOf(readCertificate(textBytes(pemBundle([chain.ca.pem, chain.ca.pem]))));
    expect(certificate.subjectCommonName).toBe(IGC_SANTE_CA_CN);
    expect(certificate.certificatesInFile).toBe(2);
  });

  it('counts only the blocks that are certificates when one block is damaged', () => {
    const damaged = chain.ca.pem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    const certificate = certificateOf(readCertificate(textBytes(pemBundle([damaged, chain.leaf.pem]))));
    expect(certificate.subjectCommonName).toBe('INSI-AUTO');
    expect(certificate.certificatesInFile).toBe(1);
  });
});

describe('IGC Santé issuers', () => {
  it('recognises the IGC Santé issuer', () => {
    expect(certificateOf(readCertificate(chain.leaf.der)).igcSante).toBe(true);
  });

  it("does not take a Let's Encrypt-like issuer for IGC Santé", () => {
    const certificate = certificateOf(readCertificate(letsEncrypt.der));
    expect(certificate.igcSante).toBe(false);
    expect(certificate.issuer).toBe("CN=R11, O=Let's Encrypt, C=FR");
  });

  it.each(['AC IGC SANTE STANDARD', 'ac igc-santé elementaire', 'AC IGCSANTE TEST'])(
    'recognises the issuer spelled "%s"',
    async (issuerCN) => {
      const generated = await makeCertificate({ issuerCN, subject: { CN: 'x' }, notBefore: ISSUED, notAfter: EXPIRES });
      expect(certificateOf(readCertificate(generated.der)).igcSante).toBe(true);
    },
  );

  it('does not look for IGC-SANTE in the subject: a certificate about IGC Santé is not issued by it', async () => {
    const generated = await makeCertificate({
      issuerCN: 'Some Other CA',
      subject: { CN: 'AC IGC-SANTE ELEMENTAIRE ORGANISATIONS' },
      notBefore: ISSUED,
      notAfter: EXPIRES,
    });
    expect(certificateOf(readCertificate(generated.der)).igcSante).toBe(false);
  });
});

describe('the FINESS hint', () => {
  async function hintFor(subject: { CN?: string; OU?: string | string[]; O?: string }): Promise<string | undefined> {
    const generated = await makeCertificate({ issuerCN: IGC_SANTE_CA_CN, subject, notBefore: ISSUED, notAfter: EXPIRES });
    return certificateOf(readCertificate(generated.der)).finessHint;
  }

  it('reads the FINESS from an OU that carries "1" + FINESS', async () => {
    await expect(hintFor({ CN: 'INSI-AUTO', OU: '1010780914' })).resolves.toBe('010780914');
  });

  it('reads a Corsican FINESS from the OU', async () => {
    await expect(hintFor({ CN: 'INSI-AUTO', OU: '12B0000020' })).resolves.toBe('2B0000020');
  });

  it('finds a FINESS-shaped token with a right key anywhere in the subject', async () => {
    await expect(hintFor({ CN: 'serveur-mss', O: 'CH EXEMPLE (FINESS 010780914)' })).resolves.toBe('010780914');
  });

  it('ignores an OU "1" + nine digits whose FINESS key is wrong', async () => {
    await expect(hintFor({ CN: 'INSI-AUTO', OU: '1010780915' })).resolves.toBeUndefined();
  });

  it('ignores a nine-digit token whose key is wrong', async () => {
    await expect(hintFor({ CN: 'INSI-AUTO', O: 'CH 010780915' })).resolves.toBeUndefined();
  });

  it('has no hint when the subject carries no FINESS', async () => {
    await expect(hintFor({ CN: 'portail.ch-exemple.fr', O: 'CH EXEMPLE' })).resolves.toBeUndefined();
  });

  it('prefers the OU structure id to a token found elsewhere', async () => {
    await expect(hintFor({ CN: 'INSI-AUTO 750712184', OU: '1010780914' })).resolves.toBe('010780914');
  });
});

describe('files that are not certificates', () => {
  it('says a 0-byte file is empty', () => {
    expect(readCertificate(new Uint8Array(0), 'cert.cer')).toEqual({ ok: false, error: { reason: 'empty' } });
  });

  it('says a file of blank lines is empty', () => {
    expect(readCertificate(textBytes('\r\n  \n\t'))).toEqual({ ok: false, error: { reason: 'empty' } });
  });

  it('refuses a file over the limit without parsing it, even when it holds a valid certificate', () => {
    const padding = '\n'.repeat(MAX_CERTIFICATE_BYTES);
    const bytes = textBytes(`${chain.leaf.pem}${padding}`);
    expect(readCertificate(bytes)).toEqual({ ok: false, error: { reason: 'too-large', bytes: bytes.length } });
  });

  it('accepts a file of exactly the maximum size', () => {
    const pem = chain.leaf.pem;
    const bytes = textBytes(`${pem}${' '.repeat(MAX_CERTIFICATE_BYTES - Buffer.byteLength(pem))}`);
    expect(bytes.length).toBe(MAX_CERTIFICATE_BYTES);
    expect(readCertificate(bytes).ok).toBe(true);
  });

  it('recognises a JPEG renamed .cer', () => {
    expect(readCertificate(jpegBytes(), 'certificat.cer')).toEqual({
      ok: false,
      error: { reason: 'not-a-certificate', detected: 'jpeg' },
    });
  });

  it('recognises a PNG screenshot', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(readCertificate(png, 'capture.crt')).toEqual({ ok: false, error: { reason: 'not-a-certificate', detected: 'png' } });
  });

  it('recognises a PDF', () => {
    expect(readCertificate(pdfBytes(), 'certificat.pem')).toEqual({
      ok: false,
      error: { reason: 'not-a-certificate', detected: 'pdf' },
    });
  });

  it('recognises a ZIP archive', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    expect(readCertificate(zip)).toEqual({ ok: false, error: { reason: 'not-a-certificate', detected: 'zip' } });
  });

  it('recognises a text file, accents included', () => {
    expect(readCertificate(textBytes('Numéro FINESS : 010780914\nÀ renouveler avant septembre.\n'), 'notes.cer')).toEqual({
      ok: false,
      error: { reason: 'not-a-certificate', detected: 'text' },
    });
  });

  it('treats text that starts with "0" as text, not as broken DER', () => {
    expect(readCertificate(textBytes('0 certificat trouvé'))).toEqual({
      ok: false,
      error: { reason: 'not-a-certificate', detected: 'text' },
    });
  });

  it('calls a PEM block whose content is not a certificate text, not a certificate', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    expect(readCertificate(textBytes(broken))).toEqual({ ok: false, error: { reason: 'not-a-certificate', detected: 'text' } });
  });

  it('says unknown binary content is unknown', () => {
    expect(readCertificate(new Uint8Array([0x00, 0x01, 0x02, 0xfe, 0x30, 0x82]))).toEqual({
      ok: false,
      error: { reason: 'not-a-certificate', detected: 'unknown' },
    });
  });

  it('says a truncated DER certificate is not a certificate', () => {
    expect(readCertificate(chain.leaf.der.subarray(0, 100))).toEqual({
      ok: false,
      error: { reason: 'not-a-certificate', detected: 'unknown' },
    });
  });
});

describe('private keys and PKCS#12', () => {
  it.each(['pkcs8', 'encrypted-pkcs8', 'sec1', 'rsa'] as const)('refuses a %s private key in PEM', (format) => {
    const pem = makePrivateKeyPem(format);
    expect(pem).toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(readCertificate(textBytes(pem), 'cle.pem')).toEqual({ ok: false, error: { reason: 'private-key' } });
  });

  it('refuses a bundle that holds a certificate and its private key, whichever comes first', () => {
    const key = makePrivateKeyPem();
    for (const bundle of [pemBundle([chain.leaf.pem, key]), pemBundle([key, chain.leaf.pem], '\r\n')]) {
      expect(readCertificate(textBytes(bundle), 'cert.pem')).toEqual({ ok: false, error: { reason: 'private-key' } });
    }
  });

  it.each(['pkcs8', 'sec1', 'rsa'] as const)('refuses a %s private key in DER', (format) => {
    expect(readCertificate(makePrivateKeyDer(format), 'cle.der')).toEqual({ ok: false, error: { reason: 'private-key' } });
  });

  it('recognises a PKCS#12 by its structure, whatever its name', () => {
    const pfx = makePkcs12();
    for (const name of ['certificat.p12', 'certificat.cer', undefined]) {
      expect(readCertificate(pfx, name)).toEqual({ ok: false, error: { reason: 'pkcs12' } });
    }
  });
});
