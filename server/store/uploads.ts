/**
 * Photos people sent (web form, MMS, email), kept in the database under their content hash, so that every node
 * serves them without a shared disk. The same photo twice is one row.
 */
import type { Engine } from './engine/open.js';

export interface UploadRow {
  contentType: string;
  data: Buffer;
}

export function createUploadRows(engine: Engine) {
  const { db } = engine;
  return {
    async put(name: string, contentType: string, data: Buffer, at = Date.now()): Promise<void> {
      await db
        .insertInto('uploads')
        .values({ name, content_type: contentType, data, created_at: at })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
    },
    async get(name: string): Promise<UploadRow | null> {
      const row = await db
        .selectFrom('uploads')
        .select(['content_type', 'data'])
        .where('name', '=', name)
        .executeTakeFirst();
      return row ? { contentType: row.content_type, data: Buffer.from(row.data) } : null;
    },
    async remove(name: string): Promise<boolean> {
      const result = await db.deleteFrom('uploads').where('name', '=', name).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type UploadRows = ReturnType<typeof createUploadRows>;
