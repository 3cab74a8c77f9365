import type { ConversationRepository, TurnSnapshotReader } from '../domain/conversation';
import type { UserPreferencesRepository } from '../domain/user-preferences';
import { SqlCalendarLinkRepository } from './calendar-link-store';
import type { CalendarLinkRepository } from '../domain/calendar-link';
import { SqlConversationRepository } from './conversation-store';
import { SqlFeedbackRepository, SqlUnansweredQuestionRepository } from './feedback-store';
import type { FeedbackRepository, UnansweredQuestionRepository } from '../domain/feedback';
import type { CertificateRegister, ReminderNotices } from '../domain/reminders/reminder-repository';
import { migrate } from './migrations';
import { observedDatabase, type DatabaseErrorObserver } from './observed-database';
import { SqlCertificateRegister } from './certificate-register';
import { SqlOutbox } from './outbox-store';
import { reminderQueuePolicy } from './reminder-queue-policy';
import { SqlReminderNotices } from './reminder-notices';
import { SqlSendSlots } from './send-slots-store';
import { SqlTicketRepository } from './ticket-store';
import type { TicketRepository } from '../domain/tickets/ticket-repository';
import type { SendSlots } from '../domain/outbox/outbox';
import type { SqlDatabase } from './sql';
import { SqlStateRepository } from './state-store';
import { SqlTurnSnapshots, StampedTurnSnapshots } from './turn-snapshot-store';
import { SqlUserPreferencesRepository } from './user-preferences-store';

export type StorageSettings = { readonly engine: 'sqlite'; readonly file: string } | { readonly engine: 'postgres'; readonly url: string };

/** Every repository certibot has, over one database. */
export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  readonly db: SqlDatabase;
  readonly users: UserPreferencesRepository;
  readonly conversations: ConversationRepository;
  readonly state: SqlStateRepository;
  /** What a turn reads before it is routed, in one statement. */
  readonly turnSnapshots: TurnSnapshotReader;
  readonly feedback: FeedbackRepository;
  readonly unanswered: UnansweredQuestionRepository;
  readonly calendarLinks: CalendarLinkRepository;
  /** The certificate register, which plans reminders in the outbox. */
  readonly reminders: CertificateRegister;
  /** Marks conversations unreachable and tells the owners. */
  readonly notices: ReminderNotices;
  /** Everything certibot sends on its own. */
  readonly outbox: SqlOutbox;
  /** Support requests and their history. */
  readonly tickets: TicketRepository;
  /** Send slots per conversation shared by every instance on this database. */
  readonly sendSlots: SendSlots;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the repositories over an open database. */
export function storeOver(db: SqlDatabase): Store {
  const users = new SqlUserPreferencesRepository(db);
  const conversations = new SqlConversationRepository(db);
  const state = new SqlStateRepository(db);
  const feedback = new SqlFeedbackRepository(db);
  const calendarLinks = new SqlCalendarLinkRepository(db);
  const reminders = new SqlCertificateRegister(db);
  return {
    engine: db.dialect,
    db,
    users,
    conversations,
    state,
    // SQLite says cheaply when anything changed; PostgreSQL is written by several instances, so every turn reads.
    turnSnapshots: db.changeStamp ? new StampedTurnSnapshots(new SqlTurnSnapshots(db), () => db.changeStamp?.()) : new SqlTurnSnapshots(db),
    feedback,
    unanswered: new SqlUnansweredQuestionRepository(db),
    calendarLinks,
    reminders,
    notices: new SqlReminderNotices(db),
    outbox: new SqlOutbox(db, { reminder: reminderQueuePolicy }),
    tickets: new SqlTicketRepository(db),
    sendSlots: new SqlSendSlots(db),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

/**
 * Opens the configured engine and brings its schema up to date. Only that engine's driver is loaded: pg and its
 * protocol parser cost a SQLite start tens of milliseconds (and better-sqlite3 a PostgreSQL one) for nothing.
 */
export async function openStore(settings: StorageSettings, now: Date, onError?: DatabaseErrorObserver): Promise<Store> {
  const opened: SqlDatabase =
    settings.engine === 'sqlite'
      ? new (await import('./sqlite')).SqliteDatabase(settings.file)
      : new (await import('./postgres')).PostgresDatabase(settings.url);
  const db = onError ? observedDatabase(opened, onError) : opened;
  try {
    await migrate(db, now.getTime());
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return storeOver(db);
}
