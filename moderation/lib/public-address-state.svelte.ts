/**
 * The public address as this console sees it: what links and QR codes are made of, whether phones and SMS
 * gateways can reach it, and (for admins) the machine's local-network addresses to pick from. Read at sign-in and
 * again whenever the events change (the server says so when an admin sets the address).
 */
import type { AdminFieldError } from '../../server/protocol/admin.js';
import type { PublicAddressResponse } from '../../server/protocol/public-address.js';
import { getPublicAddress, setPublicAddress } from './public-address-api.js';
import type { ConsoleLink } from './link.js';

/** What the console says about an address in use. */
export type AddressWarning = 'loopback' | 'local' | null;

export class PublicAddressState {
  info = $state.raw<PublicAddressResponse | null>(null);
  saving = $state(false);
  /** The field error of the last refused address, in both languages. */
  problem = $state.raw<AdminFieldError | null>(null);
  readonly #link: ConsoleLink;

  /** `loopback`: nobody but this machine reaches the links; `local`: the venue's network only. */
  readonly warning: AddressWarning = $derived.by(() => {
    const kind = this.info?.inUse.kind;
    return kind === 'loopback' || kind === 'local' ? kind : null;
  });

  constructor(link: ConsoleLink) {
    this.#link = link;
  }

  async load(): Promise<void> {
    const result = await getPublicAddress();
    // A console signed out meanwhile says nothing: the sign-in screen explains.
    if (result.ok) this.info = result.data;
  }

  /** Saves an address as typed, or forgets the console's choice (null); true when saved. */
  async set(url: string | null): Promise<boolean> {
    this.saving = true;
    this.problem = null;
    const result = await setPublicAddress(url);
    this.saving = false;
    if (result.ok) {
      this.info = result.data;
      return true;
    }
    const field = result.fields[0];
    if (field) this.problem = field;
    else this.#link.fail(result);
    return false;
  }

  reset(): void {
    this.info = null;
    this.problem = null;
  }
}
