/** Moderator accounts and their sessions. Passwords arrive here already hashed; tokens already hashed. */
import type { Moderator } from '../protocol/socket.js';
import type { Db } from './db.js';

const INSERT_MODERATOR =
  'INSERT INTO moderators (name, password_hash, role, created_at) VALUES (?, ?, ?, ?) RETURNING id';
const SELECT_BY_NAME = 'SELECT id, name, role, password_hash FROM moderators WHERE name = ?';
const COUNT_ADMINS = "SELECT count(*) FROM moderators WHERE role = 'admin'";
const UPDATE_PASSWORD = 'UPDATE moderators SET password_hash = ? WHERE name = ?';
const DELETE_MODERATOR = 'DELETE FROM moderators WHERE name = ?';
const LIST_MODERATORS = 'SELECT id, name, role FROM moderators ORDER BY name';
const INSERT_SESSION = 'INSERT INTO sessions (token_hash, moderator_id, created_at, expires_at) VALUES (?, ?, ?, ?)';
const SELECT_SESSION = `
SELECT m.id, m.name, m.role FROM sessions s JOIN moderators m ON m.id = s.moderator_id
WHERE s.token_hash = ? AND s.expires_at > ?`;
const DELETE_SESSION = 'DELETE FROM sessions WHERE token_hash = ?';
const DELETE_EXPIRED = 'DELETE FROM sessions WHERE expires_at <= ?';
const DELETE_SESSIONS_OF = 'DELETE FROM sessions WHERE moderator_id = (SELECT id FROM moderators WHERE name = ?)';

export interface ModeratorWithHash extends Moderator {
  passwordHash: string;
}

export function createModeratorStore(db: Db) {
  const statements = {
    insert: db.prepare<[string, string, string, number], number>(INSERT_MODERATOR).pluck(),
    byName: db.prepare<[string], { id: number; name: string; role: Moderator['role']; password_hash: string }>(
      SELECT_BY_NAME,
    ),
    countAdmins: db.prepare<[], number>(COUNT_ADMINS).pluck(),
    updatePassword: db.prepare(UPDATE_PASSWORD),
    remove: db.prepare(DELETE_MODERATOR),
    list: db.prepare<[], Moderator>(LIST_MODERATORS),
    insertSession: db.prepare(INSERT_SESSION),
    session: db.prepare<[string, number], Moderator>(SELECT_SESSION),
    deleteSession: db.prepare(DELETE_SESSION),
    deleteExpired: db.prepare(DELETE_EXPIRED),
    deleteSessionsOf: db.prepare(DELETE_SESSIONS_OF),
  };

  return {
    add(name: string, passwordHash: string, role: Moderator['role'], now = Date.now()): Moderator {
      const id = statements.insert.get(name, passwordHash, role, now)!;
      return { id, name, role };
    },
    findByName(name: string): ModeratorWithHash | null {
      const row = statements.byName.get(name);
      return row ? { id: row.id, name: row.name, role: row.role, passwordHash: row.password_hash } : null;
    },
    countAdmins: (): number => statements.countAdmins.get() ?? 0,
    list: (): Moderator[] => statements.list.all(),
    /** Changing a password signs the account out everywhere. */
    setPassword: db.transaction((name: string, passwordHash: string): boolean => {
      const changed = statements.updatePassword.run(passwordHash, name).changes > 0;
      if (changed) statements.deleteSessionsOf.run(name);
      return changed;
    }),
    remove: (name: string): boolean => statements.remove.run(name).changes > 0,

    createSession(tokenHash: string, moderatorId: number, expiresAt: number, now = Date.now()): void {
      statements.insertSession.run(tokenHash, moderatorId, now, expiresAt);
    },
    findSession: (tokenHash: string, now = Date.now()): Moderator | null =>
      statements.session.get(tokenHash, now) ?? null,
    deleteSession: (tokenHash: string): void => void statements.deleteSession.run(tokenHash),
    deleteExpiredSessions: (now = Date.now()): number => statements.deleteExpired.run(now).changes,
  };
}

export type ModeratorStore = ReturnType<typeof createModeratorStore>;
