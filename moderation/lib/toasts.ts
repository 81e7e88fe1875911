/** Short-lived lines saying who did what ("Approved by Léa"); only the latest few stay on screen. */

export interface Toast {
  id: number;
  tone: 'info' | 'done' | 'error';
  text: string;
  /** The item an "Undo" button on the toast reverts. */
  undoId?: number;
}

export const TOAST_LIMIT = 4;
export const TOAST_MS = 5000;
/** Errors stay longer: the moderator has to read why an action failed. */
export const ERROR_TOAST_MS = 10_000;

/**
 * Adds a toast, keeping the latest `limit`. The moderator's own confirmations replace each other (one
 * "Approved… Undo" line, not a pile of them while working fast); colleagues' lines and errors stack.
 */
export function pushToast(list: readonly Toast[], toast: Toast, limit = TOAST_LIMIT): Toast[] {
  const kept = toast.tone === 'done' ? list.filter((entry) => entry.tone !== 'done') : list;
  return [...kept, toast].slice(-limit);
}

export function dropToast(list: readonly Toast[], id: number): Toast[] {
  return list.filter((toast) => toast.id !== id);
}
