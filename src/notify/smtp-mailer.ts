import nodemailer from 'nodemailer';
import type { SendOutcome } from '../domain/outbox/outbox-item';

/** An e-mail certibot sends: plain text, to a support queue, answered to the requester. */
export interface OutgoingMail {
  readonly to: string;
  readonly replyTo: string | undefined;
  readonly subject: string;
  readonly text: string;
}

/** Sends e-mails; answers an outcome the outbox dispatcher acts on, and never throws. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
}

/**
 * E-mail through an SMTP server (SMTP_URL, e.g. smtp://relay.chu.fr:25 or smtps://user:pass@host:465), one attempt
 * per call: the outbox retries a temporary refusal (4xx, connection errors) and gives up on a permanent one (5xx).
 */
export class SmtpMailer implements Mailer {
  private readonly transport: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // nodemailer reads host, port, TLS and credentials from the URL; the timeouts bound one attempt.
    this.transport = nodemailer.createTransport(`${url}${url.includes('?') ? '&' : '?'}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=20000`);
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    try {
      const info = (await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
      })) as { messageId?: string };
      return { kind: 'sent', activityId: info.messageId };
    } catch (error) {
      const code = (error as { responseCode?: unknown }).responseCode;
      if (typeof code === 'number' && code >= 500) return { kind: 'failed', reason: `SMTP ${code}` };
      return { kind: 'retry', afterMs: undefined, status: typeof code === 'number' ? code : 0 };
    }
  }

  close(): void {
    this.transport.close();
  }
}
