/** Admins manage moderator accounts: list with who is online, add, new password, remove (not themselves). */
import type { ModeratorAccount } from '../../server/protocol/moderation.js';
import type { Moderator } from '../../server/protocol/socket.js';
import type { ConsoleLink } from './link.js';

/** A password the server generated, shown once until the admin closes it. */
export interface RevealedPassword {
  name: string;
  password: string;
}

export class AccountsState {
  list = $state.raw<ModeratorAccount[]>([]);
  revealed = $state.raw<RevealedPassword | null>(null);
  busy = $state(false);
  readonly #link: ConsoleLink;

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  async load(): Promise<void> {
    const answer = await this.#link.request('moderators:list', {});
    if (!answer.ok) return this.#link.fail(answer);
    this.list = [...answer.data].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Creates the account with a generated password, shown once. */
  async add(name: string, role: Moderator['role']): Promise<boolean> {
    const answer = await this.#busyWhile(this.#link.request('moderators:add', { name, role }));
    if (!answer.ok) {
      this.#link.fail(answer);
      return false;
    }
    this.#reveal(answer.data.moderator.name, answer.data.password);
    await this.load();
    return true;
  }

  async newPassword(name: string): Promise<void> {
    const answer = await this.#busyWhile(this.#link.request('moderators:password', { name }));
    if (!answer.ok) return this.#link.fail(answer);
    this.#reveal(answer.data.moderator.name, answer.data.password);
  }

  async remove(name: string): Promise<void> {
    const answer = await this.#busyWhile(this.#link.request('moderators:remove', { name }));
    if (!answer.ok) return this.#link.fail(answer);
    this.#link.toast(this.#link.t.accounts.removed(name), 'done');
    if (this.revealed?.name === name) this.revealed = null;
    await this.load();
  }

  forgetPassword(): void {
    this.revealed = null;
  }

  #reveal(name: string, password: string | null): void {
    this.revealed = password ? { name, password } : null;
  }

  async #busyWhile<T>(promise: Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await promise;
    } finally {
      this.busy = false;
    }
  }
}
