import type { CertificateFacts } from '../../../cards/renewal-timeline-card';
import type { AttachmentRef, FetchResult } from '../../certificates/fetch-attachment';
import { MAX_CERTIFICATE_BYTES, readCertificate, type CertificateInfo, type CertificateReadError } from '../../certificates/read-certificate';
import { parisDate } from '../../domain/calendar';
import { planFromExpiry, type RenewalPlan } from '../../domain/renewal';
import type { MessageKey, Translate } from '../../messages/translator';
import type { RenewalReplies } from './renewal-replies';
import type { FileOutcome } from '../../conversation/router';
import { textReply, type Turn, type TurnOutcome } from '../../conversation/turn';

export interface CertificateFileDeps {
  /** Downloads an attachment under the deployment's host policy (local mode: the activity's own service host). */
  readonly fetch: (ref: AttachmentRef, serviceUrl: string) => Promise<FetchResult>;
  readonly replies: RenewalReplies;
  readonly renewalLeadMonths: number;
}

const READ_ERRORS: Record<CertificateReadError['reason'], MessageKey> = {
  empty: 'certificate.empty',
  'too-large': 'certificate.tooLarge',
  'private-key': 'certificate.privateKey',
  pkcs12: 'certificate.pkcs12',
  'not-a-certificate': 'certificate.notCertificate',
};

/** What a certificate file that could not be read says to the person who sent it, in the chat and in the tab. */
export function readErrorText(error: CertificateReadError, tr: Translate): string {
  const key = error.reason === 'not-a-certificate' && (error.detected === 'jpeg' || error.detected === 'png') ? 'certificate.notCertificateImage' : READ_ERRORS[error.reason];
  const size = error.reason === 'too-large' ? Math.ceil(error.bytes / 1024) : 0;
  return tr(key, { size });
}

/** The renewal plan of a certificate read from its file: its own dates, from `today` (YYYY-MM-DD). */
export function certificatePlan(certificate: CertificateInfo, today: string, renewalLeadMonths: number): RenewalPlan {
  return planFromExpiry(parisDate(certificate.notAfter), { today, renewalLeadMonths, basis: 'certificate', issueDate: parisDate(certificate.notBefore) });
}

/** What the timeline shows of a certificate read from its file. */
export function certificateFacts(certificate: CertificateInfo): CertificateFacts {
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    igcSante: certificate.igcSante,
    serialNumber: certificate.serialNumber,
    finessHint: certificate.finessHint,
    certificatesInFile: certificate.certificatesInFile,
  };
}

/**
 * A certificate file sent in the personal chat: read in memory (never stored), then — unless a pending dialog takes
 * it (see FileOutcome) — the same timeline as for a typed date, with what the file says (issuer, subject, serial,
 * FINESS hint). Private keys are refused with a warning.
 */
export class CertificateFileHandler {
  constructor(private readonly deps: CertificateFileDeps) {}

  async handle(turn: Turn, attachments: readonly AttachmentRef[], serviceUrl: string): Promise<FileOutcome> {
    const answered = (outcome: TurnOutcome): FileOutcome => ({ kind: 'answered', outcome });
    if (turn.request.conversationKind !== 'personal') return answered({ replies: [textReply(turn.tr('certificate.channelRefused'))] });
    const first = attachments[0];
    if (!first) return answered({ replies: [] });
    const download = await this.deps.fetch(first, serviceUrl);
    if (!download.ok) {
      const key: MessageKey =
        download.reason === 'too-large' ? 'certificate.tooLarge' : download.reason === 'host-not-allowed' ? 'certificate.hostRefused' : 'certificate.downloadFailed';
      return answered({ replies: [textReply(turn.tr(key, { size: Math.round(MAX_CERTIFICATE_BYTES / 1024) }))] });
    }
    const read = readCertificate(download.bytes, first.name);
    if (!read.ok) return answered({ replies: [textReply(readErrorText(read.error, turn.tr))] });
    const { certificate } = read;
    return { kind: 'read', certificate, timeline: () => this.timeline(turn, certificate) };
  }

  /** The renewal timeline of the certificate read (with a calendar link, issued only now). */
  private async timeline(turn: Turn, certificate: CertificateInfo): Promise<TurnOutcome> {
    const plan = certificatePlan(certificate, parisDate(turn.request.now), this.deps.renewalLeadMonths);
    const reply = await this.deps.replies.timeline(turn, plan, { ...certificateFacts(certificate), fingerprint: certificate.fingerprintSha256 });
    return { replies: [reply], dialog: null };
  }
}
