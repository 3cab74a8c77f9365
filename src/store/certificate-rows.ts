import type { Corridor, StructureKind } from '../domain/knowledge';
import type { CertificateRecord, CertificateScope, ReminderTarget, Usage } from '../domain/reminders/certificate';
import type { SqlValue } from './sql';

export const CERTIFICATE_COLUMNS =
  'id, label, finess, corridor, structure, scope, usage, expiry_date, thresholds, weekly_after_expiry, delivery_hour, ' +
  'working_days_only, created_by, created_at, updated_at, tenant_id';

export interface CertificateRow {
  id: string;
  label: string;
  finess: string | null;
  corridor: string | null;
  structure: string | null;
  scope: string | null;
  usage: string | null;
  expiry_date: string;
  thresholds: string;
  weekly_after_expiry: number;
  delivery_hour: number;
  working_days_only: number;
  created_by: string;
  created_at: number;
  updated_at: number;
  tenant_id: string | null;
}

export interface TargetRow {
  certificate_id: string;
  conversation_id: string;
  kind: string;
  user_id: string | null;
}

export function toCertificate(row: CertificateRow): CertificateRecord {
  return {
    id: row.id,
    label: row.label,
    finess: row.finess ?? undefined,
    corridor: (row.corridor as Corridor | null) ?? undefined,
    structure: (row.structure as StructureKind | null) ?? undefined,
    scope: (row.scope as CertificateScope | null) ?? undefined,
    usage: (row.usage as Usage | null) ?? undefined,
    expiryDate: row.expiry_date,
    thresholds: JSON.parse(row.thresholds) as number[],
    weeklyAfterExpiry: Number(row.weekly_after_expiry) === 1,
    delivery: { hour: Number(row.delivery_hour), workingDaysOnly: Number(row.working_days_only) === 1 },
    createdBy: row.created_by,
    tenantId: row.tenant_id ?? undefined,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** The values of CERTIFICATE_COLUMNS, in order. */
export function certificateValues(c: CertificateRecord): SqlValue[] {
  return [
    c.id,
    c.label,
    c.finess ?? null,
    c.corridor ?? null,
    c.structure ?? null,
    c.scope ?? null,
    c.usage ?? null,
    c.expiryDate,
    JSON.stringify(c.thresholds),
    c.weeklyAfterExpiry ? 1 : 0,
    c.delivery.hour,
    c.delivery.workingDaysOnly ? 1 : 0,
    c.createdBy,
    c.createdAt.getTime(),
    c.updatedAt.getTime(),
    c.tenantId ?? null,
  ];
}

export function toTarget(row: TargetRow): ReminderTarget {
  return {
    certificateId: row.certificate_id,
    conversationId: row.conversation_id,
    kind: row.kind as ReminderTarget['kind'],
    userId: row.user_id ?? undefined,
  };
}
