import type { Corridor, StructureKind } from '../knowledge';

/** What a certificate is used for, when the owner says. */
export const USAGES = ['DMP', 'INSi', 'MSSante', 'other'] as const;
export type Usage = (typeof USAGES)[number];

/** The FINESS level the certificate was ordered at. */
export type CertificateScope = 'juridique' | 'geographique';
/** The FINESS levels a certificate can be ordered at (fiche pratique ANS), in the order the form offers them. */
export const CERTIFICATE_SCOPES: readonly CertificateScope[] = ['juridique', 'geographique'];

/** Days before expiry (0 = the day itself) at which reminders go, by default; then weekly after expiry. */
export const DEFAULT_THRESHOLDS: readonly number[] = [90, 60, 30, 14, 7, 1, 0];

/** When reminders are delivered: a local hour in Europe/Paris, optionally on working days only. */
export interface DeliveryPolicy {
  /** 0..23, Europe/Paris. */
  readonly hour: number;
  readonly workingDaysOnly: boolean;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { hour: 9, workingDaysOnly: false };

/** One certificate in the register. Holds no patient data; its people are Teams user ids. */
export interface CertificateRecord {
  readonly id: string;
  /** e.g. "MSSanté – site de Nîmes". */
  readonly label: string;
  readonly finess: string | undefined;
  readonly corridor: Corridor | undefined;
  readonly structure: StructureKind | undefined;
  readonly scope: CertificateScope | undefined;
  readonly usage: Usage | undefined;
  /** YYYY-MM-DD, Europe/Paris. */
  readonly expiryDate: string;
  /** Days before expiry; empty = reminders off. */
  readonly thresholds: readonly number[];
  /** Whether weekly reminders continue after expiry until renewed or deleted. */
  readonly weeklyAfterExpiry: boolean;
  readonly delivery: DeliveryPolicy;
  readonly createdBy: string;
  /** The Entra tenant it was registered in: only people of that tenant answer for it. */
  readonly tenantId?: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Where a certificate's reminders go: a person's personal chat, a channel or a group chat. */
export interface ReminderTarget {
  readonly certificateId: string;
  /** The conversation the reminder is posted to (see ConversationRepository). */
  readonly conversationId: string;
  readonly kind: 'personal' | 'channel' | 'groupChat';
  /** For a personal chat, the person; owners of a certificate are the users of its personal targets. */
  readonly userId: string | undefined;
}
