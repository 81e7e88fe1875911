/** Checks on a new account's name before asking the server, with the server's own rule. */

const NAME = /^[\p{L}\p{N}._ -]+$/u;

export function isValidAccountName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed.length >= 2 && trimmed.length <= 40 && NAME.test(trimmed);
}
