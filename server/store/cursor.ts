/** Opaque pagination cursors: a (time, id) pair, so pages stay stable while new items arrive. */

export interface Cursor {
  at: number;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}:${cursor.id}`).toString('base64url');
}

/** Returns null for anything that is not a cursor this server made. */
export function decodeCursor(value: string): Cursor | null {
  const match = /^(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(value, 'base64url').toString());
  if (!match) return null;
  return { at: Number(match[1]), id: Number(match[2]) };
}
