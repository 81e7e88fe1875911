/** A bounded memo for pure functions of one string whose inputs repeat (the same sender's number, address...). */

/**
 * `fn` with its last `max` distinct results remembered, the oldest forgotten first. Only for pure functions: a
 * remembered result is returned as is, so it must not be mutated by the caller. Oldest rather than least recently
 * used: moving an entry on every hit cost more than what it saves (a sender forgotten is merely computed again).
 */
export function memoize<T>(fn: (key: string) => T, max: number): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    const known = results.get(key);
    if (known !== undefined || results.has(key)) return known as T;
    const result = fn(key);
    // Map keeps insertion order: the first key is the oldest.
    if (results.size >= max) results.delete(results.keys().next().value as string);
    results.set(key, result);
    return result;
  };
}
