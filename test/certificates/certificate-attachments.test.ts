import { certificateAttachments, TEAMS_FILE_DOWNLOAD_INFO } from '../../src/certificates/fetch-attachment';

const DOWNLOAD_URL =
  'https://contoso-my.sharepoint.com/personal/jdupont_contoso_fr/_layouts/15/download.aspx?UniqueId=1150d938-8870-4044-9f2c-5bbdeba70c9d&Translate=false&tempauth=eyJ0eXAi.x.y&ApiVersion=2.0';

/** What Teams sends when a user drops "insi-auto.cer" into a personal chat with the bot, with a line of text. */
const teamsFileUpload = [
  {
    contentType: TEAMS_FILE_DOWNLOAD_INFO,
    contentUrl:
      'https://contoso-my.sharepoint.com/personal/jdupont_contoso_fr/Documents/Microsoft Teams Chat Files/insi-auto.cer',
    content: {
      downloadUrl: DOWNLOAD_URL,
      uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
      fileType: 'cer',
      etag: '"{1150D938-8870-4044-9F2C-5BBDEBA70C9D},1"',
    },
    name: 'insi-auto.cer',
  },
  { contentType: 'text/html', content: '<p>Voici notre certificat, quand expire-t-il ?</p>' },
];

describe('finding certificate files among an activity’s attachments', () => {
  it('takes a Teams file upload’s download URL and name, and leaves out the HTML copy of the message', () => {
    expect(certificateAttachments(teamsFileUpload)).toEqual([
      { name: 'insi-auto.cer', contentType: TEAMS_FILE_DOWNLOAD_INFO, url: DOWNLOAD_URL, inlineBase64: undefined },
    ]);
  });

  it('takes an inline file sent as a base64 data URL', () => {
    const attachments = [
      { contentType: 'application/pkix-cert', contentUrl: 'data:application/pkix-cert;base64,MIIBkTCB+w==', name: 'a.cer' },
    ];
    expect(certificateAttachments(attachments)).toEqual([
      { name: 'a.cer', contentType: 'application/pkix-cert', url: undefined, inlineBase64: 'MIIBkTCB+w==' },
    ]);
  });

  it('takes a percent-encoded PEM data URL as base64 of its text', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const attachments = [{ contentType: 'application/x-pem-file', contentUrl: `data:application/x-pem-file,${encodeURIComponent(pem)}` }];
    const [ref] = certificateAttachments(attachments);
    expect(Buffer.from(ref?.inlineBase64 ?? '', 'base64').toString('utf8')).toBe(pem);
    expect(ref?.name).toBeUndefined();
  });

  it.each(['application/x-x509-ca-cert', 'application/octet-stream', 'application/x-pem-file', 'application/x-pkcs12'])(
    'takes %s content carried as a base64 string',
    (contentType) => {
      const attachments = [{ contentType, content: 'MIIBkTCB+wIJAK\r\nx2Y0=', name: 'cert' }];
      expect(certificateAttachments(attachments)).toEqual([
        { name: 'cert', contentType, url: undefined, inlineBase64: 'MIIBkTCB+wIJAK\r\nx2Y0=' },
      ]);
    },
  );

  it('takes PEM text sent as content, re-encoded as base64', () => {
    const pem = '-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n';
    const [ref] = certificateAttachments([{ contentType: 'application/x-pem-file', content: pem }]);
    expect(Buffer.from(ref?.inlineBase64 ?? '', 'base64').toString('utf8')).toBe(pem);
  });

  it('takes a file the Bot Framework Emulator uploads, by its URL', () => {
    const url = 'http://localhost:53427/v3/attachments/5c0e3f/views/original';
    expect(certificateAttachments([{ contentType: 'application/x-x509-ca-cert', contentUrl: url, name: 'cert.cer' }])).toEqual([
      { name: 'cert.cer', contentType: 'application/x-x509-ca-cert', url, inlineBase64: undefined },
    ]);
  });

  it('keeps a pasted image, so that the user can be told it is a picture and not a certificate', () => {
    const url = 'https://smba.trafficmanager.net/emea/v3/attachments/0-weu-d1-abc/views/original';
    expect(certificateAttachments([{ contentType: 'image/*', contentUrl: url }])).toEqual([
      { name: undefined, contentType: 'image/*', url, inlineBase64: undefined },
    ]);
  });

  it('leaves out cards, including the bot’s own and Teams’ file cards', () => {
    const attachments = [
      { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [] } },
      { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'x' } },
      { contentType: 'application/vnd.microsoft.teams.card.file.info', contentUrl: 'https://contoso.sharepoint.com/f.cer', name: 'f.cer' },
      { contentType: 'application/vnd.microsoft.card.thumbnail', contentUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    ];
    expect(certificateAttachments(attachments)).toEqual([]);
  });

  it('ignores garbage and keeps the file that comes after it', () => {
    const attachments = [
      null,
      42,
      'insi-auto.cer',
      {},
      { contentType: 5, contentUrl: 'https://contoso.sharepoint.com/f.cer' },
      { contentType: '', contentUrl: 'https://contoso.sharepoint.com/f.cer' },
      { contentType: 'application/pkix-cert' }, // nothing to read
      { contentType: 'application/pkix-cert', content: { not: 'base64' } },
      { contentType: 'application/pkix-cert', content: 'ceci n’est pas du base64 !' },
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, content: { fileType: 'cer' } }, // no download URL
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, content: { downloadUrl: 7 } },
      { contentType: 'application/pkix-cert', contentUrl: 'data:application/pkix-cert,%E0%A4%A' }, // bad percent-encoding
      ...teamsFileUpload,
    ];
    expect(certificateAttachments(attachments).map((ref) => ref.url)).toEqual([DOWNLOAD_URL]);
  });

  it.each([undefined, null, 'attachments', { 0: teamsFileUpload[0] }, 12])('returns nothing when attachments are %p', (value) => {
    expect(certificateAttachments(value)).toEqual([]);
  });
});
