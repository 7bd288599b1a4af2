// Tables owned by the open-data module: the archives a job builds (one per consultation and one for the platform),
// kept in the database in chunks so any instance serves them, and rebuilt when stale. Derived: left out of dumps.
import { bigint, customType, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const archiveStatuses = ['queued', 'building', 'ready', 'failed'] as const;
export type ArchiveStatus = (typeof archiveStatuses)[number];

export const opendataArchives = pgTable('opendata_archives', {
  /** 'platform' or 'consultation:<id>' */
  scope: text('scope').primaryKey(),
  status: text('status').$type<ArchiveStatus>().notNull().default('queued'),
  /** the chunks served: those of the last build that finished; a build writes the next generation beside them */
  generation: integer('generation').notNull().default(0),
  building: integer('building'),
  /** rows written so far and rows expected, for the progress bar */
  progress: bigint('progress', { mode: 'number' }).notNull().default(0),
  total: bigint('total', { mode: 'number' }).notNull().default(0),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  builtAt: timestamp('built_at', { withTimezone: true }),
  bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
  sha256: text('sha256'),
  /** rows per resource of the archive served */
  rows: jsonb('rows').$type<Record<string, number>>(),
  error: text('error'),
});

export const opendataChunks = pgTable(
  'opendata_chunks',
  {
    scope: text('scope').notNull(),
    generation: integer('generation').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.generation, t.seq] })],
);
