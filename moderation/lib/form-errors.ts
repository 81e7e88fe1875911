/**
 * A refused form's errors as they stand while the admin fixes them: the server checked what was sent; a field
 * edited since shows no error any more (the next save checks it again), the others keep theirs. Errors about the
 * form as a whole (an empty path) stay until the next save.
 */
import type { AdminFieldError } from '../../server/protocol/admin.js';

export function stillRefused(errors: readonly AdminFieldError[], sent: unknown, current: unknown): AdminFieldError[] {
  return errors.filter(({ field }) => field === '' || same(valueAt(sent, field), valueAt(current, field)));
}

/** The value at a dotted path (`wall.theme.accent`, `instances.1.url`, `hashtags.2`), through objects and lists. */
export function valueAt(root: unknown, path: string): unknown {
  let current = root;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
