import { secretInFile, secretInText } from '../../../src/domain/tickets/secrets';

describe('secrets never travel', () => {
  it.each<[string, string, string | undefined]>([
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----', 'private-key'],
    ['an RSA private key', 'voici la clé -----BEGIN RSA PRIVATE KEY----- MIIE…', 'private-key'],
    ['an encrypted private key', '-----BEGIN ENCRYPTED PRIVATE KEY-----', 'private-key'],
    ['a pasted .p12 in base64', 'MIIKGQIBAzCCCd8GCSqGSIb3DQEHAaCCCdAEggnMMIIJyDCCBH8GCSqGSIb3', 'pkcs12'],
    ['a password', 'le mot de passe : Hopital2024!', 'password'],
    ['a PIN', 'code PIN 482913', 'password'],
    ['an English password', 'the password is S3cret-pass', 'password'],
    ['a public certificate', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----', undefined],
    ['a question about passwords', 'comment changer le mot de passe de la plateforme ?', undefined],
    ['a lost password is a question', 'mon mot de passe est perdu', undefined],
    ['a PIN question', 'où trouver le code PIN de la carte ?', undefined],
    ['an ordinary request', 'Notre certificat DMP expire le 15/03/2027, le renouvellement échoue', undefined],
  ])('%s', (_case, text, kind) => {
    expect(secretInText(text)).toBe(kind);
  });

  it.each<[string | undefined, string | undefined, string | undefined]>([
    ['certificat.p12', 'application/octet-stream', 'pkcs12'],
    ['CERT.PFX', undefined, 'pkcs12'],
    ['fichier', 'application/x-pkcs12', 'pkcs12'],
    ['serveur.key', 'text/plain', 'private-key'],
    ['certificat.cer', 'application/pkix-cert', undefined],
    ['certificat.pem', undefined, undefined],
  ])('a file %j (%j) is %j', (name, type, kind) => {
    expect(secretInFile(name, type)).toBe(kind);
  });
});
