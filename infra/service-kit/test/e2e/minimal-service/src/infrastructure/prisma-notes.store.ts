// The application's storage ports over Prisma and the kit: Prisma types stay in this folder.
import {
  appendAudit,
  createPrismaTransactionRunner,
  prismaTransactionOf,
  type PrismaDatabase,
  type SqlExecutor,
} from '../../../../../src/index.ts';
import type { Note } from '../domain/note.ts';
import type { NoteCounters, NoteRepository, NoteEvents, NotesUnitOfWork, AuditTrail } from '../application/notes.ports.ts';
import type { PrismaClient, Prisma } from './prisma/generated/client.ts';

/** The generated client's transaction type. */
type Tx = Prisma.TransactionClient;

function toNote(row: { id: string; ownerProvince: string; title: string; body: string; createdBy: string; createdAt: Date }): Note {
  return { id: row.id, ownerProvince: row.ownerProvince, title: row.title, body: row.body, createdBy: row.createdBy, createdAt: row.createdAt };
}

/** Notes through Prisma, on the client or inside a transaction. */
export function prismaNoteRepository(db: PrismaClient | Tx): NoteRepository {
  return {
    async insert(note) {
      await db.note.create({ data: note });
    },
    async findById(id) {
      // Not a UUID cannot name a note; asking PostgreSQL would fail the cast instead of finding nothing.
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
      const row = await db.note.findUnique({ where: { id } });
      return row ? toNote(row) : undefined;
    },
  };
}

/** The kit's audit chain inside the transaction. */
function kitAuditTrail(sql: SqlExecutor): AuditTrail {
  return {
    async record(entry) {
      await appendAudit(sql, entry);
    },
  };
}

/** One Prisma interactive transaction for the note, its outbox rows (kit) and its audit row (kit). */
export function prismaNotesUnitOfWork(database: PrismaDatabase<PrismaClient>, events: (sql: SqlExecutor) => NoteEvents): NotesUnitOfWork {
  const transactions = createPrismaTransactionRunner<Tx>(database.prisma);
  return {
    run: (work) => transactions.inPrismaTransaction((tx, sql) => work({ notes: prismaNoteRepository(tx), events: events(sql), audit: kitAuditTrail(sql) })),
  };
}

/** The counters inside the consumer's transaction (the kit hands the handler a SqlExecutor over a Prisma transaction). */
export function prismaNoteCounters(sql: SqlExecutor): NoteCounters {
  const tx = prismaTransactionOf<Tx>(sql);
  return {
    async increment(province) {
      await tx.noteCounter.upsert({ where: { province }, create: { province, notes: 1 }, update: { notes: { increment: 1 } } });
    },
  };
}
