import { certificatesTabLink } from '../../src/domain/tab-link';

const APP = '0f3c9a52-6c1e-4a7b-9d0e-2b6f4c8a1d37';

describe('links to « Mes certificats »', () => {
  it("in Teams, a deep link to the app's static tab, the certificate as its sub-entity", () => {
    const link = certificatesTabLink({ teamsAppId: APP, localBaseUrl: () => undefined });
    expect(link('cert-1')).toBe(`https://teams.microsoft.com/l/entity/${APP}/certificates?context=%7B%22subEntityId%22%3A%22cert-1%22%7D`);
    expect(link()).toBe(`https://teams.microsoft.com/l/entity/${APP}/certificates`);
  });

  it('in local mode, the page on this server', () => {
    const link = certificatesTabLink({ teamsAppId: APP, localBaseUrl: () => 'http://127.0.0.1:3978' });
    expect(link('cert-1')).toBe('http://127.0.0.1:3978/tabs/certificates?certificate=cert-1');
  });

  it('without a Teams app id, no link at all rather than one to the wrong app', () => {
    expect(certificatesTabLink({ teamsAppId: undefined, localBaseUrl: () => undefined })('cert-1')).toBeUndefined();
  });
});
