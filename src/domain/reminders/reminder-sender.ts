import type { CertificateRecord } from './certificate';
import type { Delivery, SendOutcome } from './delivery';

/**
 * Posts one reminder to its conversation (the Teams edge implements it). It maps the connector's answer onto a
 * SendOutcome and should not throw; a throw is taken as a transport failure and retried with backoff.
 */
export interface ReminderSender {
  send(delivery: Delivery, certificate: CertificateRecord): Promise<SendOutcome>;
}
