/**
 * Personal data that people paste into questions, removed before a question is kept for the support agents: the
 * report is about what certibot could not answer, never about who asked or how to reach them. FINESS numbers (9
 * characters) are kept: they name structures, not people.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** French social security numbers (NIR, also the patient's INS): 13 digits and an optional 2-digit key, spaced or not. */
const NIR = /\b[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?\b/gi;
/** French phone numbers (0X XX XX XX XX, +33 X…, 0033 X…) and other international numbers. */
const PHONE = /(?:(?:\+|00)33[\s.-]?(?:\(0\))?[\s.-]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b|\+\d{1,3}(?:[\s.-]?\d){7,12}\b/g;

/** The text with e-mail addresses, social security numbers and phone numbers replaced by [email], [nir], [phone]. */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(NIR, '[nir]').replace(PHONE, '[phone]');
}
