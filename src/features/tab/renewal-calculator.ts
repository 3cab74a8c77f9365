import { z } from 'zod';
import { certificateDescription, timelineRows, timelineVerdict } from '../../../cards/renewal-timeline-card';
import { MAX_CERTIFICATE_BYTES, readCertificate } from '../../certificates/read-certificate';
import { displayDate, parisDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import type { Locale } from '../../domain/locale';
import { planFromExpiry, planFromIssue, RenewalDateError, type RenewalPlan } from '../../domain/renewal';
import { plainTranslator, type MessageKey } from '../../messages/translator';
import { certificateFacts, certificatePlan, readErrorText } from '../renewal-dates/certificate-file-handler';
import type { RenewalView } from './tab-views';

/** A certificate file of MAX_CERTIFICATE_BYTES, base64-encoded, and some room: larger is refused unread. */
const MAX_FILE_BASE64 = Math.ceil((MAX_CERTIFICATE_BYTES * 4) / 3) + 8;

/** What the calculator is given: a date and what it is (issue or expiry), or a certificate file (base64). */
export const renewalQuestionSchema = z.union([
  z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), role: z.enum(['issue', 'expiry']) }),
  z.object({ file: z.string().max(MAX_FILE_BASE64).regex(/^[A-Za-z0-9+/=\s]*$/) }),
]);
export type RenewalQuestion = z.infer<typeof renewalQuestionSchema>;

const DATE_ERRORS: Record<RenewalDateError['reason'], MessageKey> = {
  invalid: 'dates.impossible',
  'future-issue': 'dates.futureIssue',
  'too-old': 'dates.tooOld',
};

/**
 * The tab's renewal calculator: the timeline the chat's card shows, from an issue or expiry date, or from a certificate
 * file read by the chat's own reader (in memory; the bytes are not kept, nor logged).
 */
export function renewalAnswer(question: RenewalQuestion, locale: Locale, clock: Clock, renewalLeadMonths: number): RenewalView {
  const tr = plainTranslator(locale);
  const today = parisDate(clock.now());
  const display = (date: string) => displayDate(date, locale);
  let plan: RenewalPlan;
  let file: ReturnType<typeof certificateDescription> | undefined;
  if ('file' in question) {
    const read = readCertificate(Buffer.from(question.file, 'base64'));
    if (!read.ok) return { ok: false, message: readErrorText(read.error, tr) };
    plan = certificatePlan(read.certificate, today, renewalLeadMonths);
    file = certificateDescription(certificateFacts(read.certificate), tr);
  } else {
    try {
      const input = { today, renewalLeadMonths };
      plan = question.role === 'issue' ? planFromIssue(question.date, input) : planFromExpiry(question.date, input);
    } catch (error) {
      if (!(error instanceof RenewalDateError)) throw error;
      return { ok: false, message: tr(DATE_ERRORS[error.reason], { text: question.date, date: error.reason === 'invalid' ? question.date : display(question.date) }) };
    }
  }
  const { status, advice } = timelineVerdict({ plan, display }, tr);
  return {
    ok: true,
    status: plan.status,
    statusText: status,
    advice,
    rows: timelineRows({ plan, display }, tr),
    facts: file?.facts ?? [],
    notes: [file?.notIgcSante, file?.bundle].filter((note): note is string => note !== undefined),
  };
}
