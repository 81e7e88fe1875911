/** Moderator accounts and their sessions. Passwords arrive here already hashed; tokens already hashed. */
import { sql, type Kysely } from 'kysely';
import type { Moderator } from '../protocol/socket.js';
import type { Engine } from './engine/open.js';
import type { Tables } from './engine/tables.js';

export interface ModeratorWithHash extends Moderator {
  passwordHash: string;
}

/**
 * A name is unique whatever its case on both engines (SQLite's column is `COLLATE NOCASE`, PostgreSQL has a unique
 * index on `lower(name)`), so every lookup compares lowered names, which PostgreSQL's index serves.
 */
const sameName = (name: string) => sql<boolean>`lower(name) = lower(${name})`;

/**
 * Names in the order SQLite's `COLLATE NOCASE` column lists them: lowered, then byte by byte. PostgreSQL would
 * otherwise sort by its locale's rules.
 */
function byName(engine: Engine) {
  return engine.kind === 'postgres' ? sql`lower(name) COLLATE "C"` : sql`lower(name)`;
}

async function deleteSessionsOf(db: Kysely<Tables>, name: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('moderator_id', 'in', db.selectFrom('moderators').select('id').where(sameName(name)))
    .execute();
}

export function createModeratorStore(engine: Engine) {
  const { db } = engine;
  return {
    /** Rejects (the database's unique violation) when the name is taken, whatever its case. */
    async add(name: string, passwordHash: string, role: Moderator['role'], now = Date.now()): Promise<Moderator> {
      const { id } = await db
        .insertInto('moderators')
        .values({ name, password_hash: passwordHash, role, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, name, role };
    },
    async findByName(name: string): Promise<ModeratorWithHash | null> {
      const row = await db
        .selectFrom('moderators')
        .select(['id', 'name', 'role', 'password_hash'])
        .where(sameName(name))
        .executeTakeFirst();
      return row ? { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash } : null;
    },
    async countAdmins(): Promise<number> {
      const row = await db
        .selectFrom('moderators')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('role', '=', 'admin')
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },
    list: (): Promise<Moderator[]> =>
      db.selectFrom('moderators').select(['id', 'name', 'role']).orderBy(byName(engine)).execute(),
    /** Changing a password signs the account out everywhere, in the same transaction. */
    setPassword: (name: string, passwordHash: string): Promise<boolean> =>
      db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('moderators')
          .set({ password_hash: passwordHash })
          .where(sameName(name))
          .executeTakeFirst();
        const changed = Number(result.numUpdatedRows) > 0;
        if (changed) await deleteSessionsOf(trx, name);
        return changed;
      }),
    /** Its sessions go with it (the foreign key cascades on both engines). */
    async remove(name: string): Promise<boolean> {
      const result = await db.deleteFrom('moderators').where(sameName(name)).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async createSession(tokenHash: string, moderatorId: number, expiresAt: number, now = Date.now()): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ token_hash: tokenHash, moderator_id: moderatorId, created_at: now, expires_at: expiresAt })
        .execute();
    },
    async findSession(tokenHash: string, now = Date.now()): Promise<Moderator | null> {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('moderators as m', 'm.id', 's.moderator_id')
        .select(['m.id', 'm.name', 'm.role'])
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
      return row ?? null;
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteExpiredSessions(now = Date.now()): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ModeratorStore = ReturnType<typeof createModeratorStore>;
