/** The entity id of the personal tab « Mes certificats » in the app package (manifest.json staticTabs[].entityId). */
export const CERTIFICATES_TAB = 'certificates';

/** Where « Ouvrir dans Mes certificats » leads: to a certificate in the tab, or to the tab; undefined: no link. */
export type CertificatesTabLink = (certificateId?: string) => string | undefined;

export interface TabLinkTarget {
  /** The Teams app's id (the package's "id"): a deep link names the app, not the bot. */
  readonly teamsAppId: string | undefined;
  /** In local mode, this server's address once it listens (there is no Teams to open); else undefined. */
  readonly localBaseUrl: () => string | undefined;
}

/**
 * The link to the personal tab. In Teams, a deep link to the app's static tab, the certificate as its sub-entity (the
 * page reads it from its context and shows that certificate); in local mode, the page on this server. Without a
 * Teams app id (not configured) there is nothing to link to.
 */
export function certificatesTabLink(target: TabLinkTarget): CertificatesTabLink {
  return (certificateId) => {
    const local = target.localBaseUrl();
    if (local) return `${local}/tabs/certificates${certificateId ? `?certificate=${encodeURIComponent(certificateId)}` : ''}`;
    if (!target.teamsAppId) return undefined;
    const context = certificateId ? `?context=${encodeURIComponent(JSON.stringify({ subEntityId: certificateId }))}` : '';
    return `https://teams.microsoft.com/l/entity/${encodeURIComponent(target.teamsAppId)}/${CERTIFICATES_TAB}${context}`;
  };
}
