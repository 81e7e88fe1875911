/** The public address as the console shows and sets it (`/api/public-address`, `/api/admin/public-address`). */

/** Who can reach an address: this machine only, the venue's network, or anyone. */
export type AddressKind = 'loopback' | 'local' | 'public';

/** Where the address in use comes from; `request`: none is set, each request's own address stands in. */
export type PublicAddressSource = 'config' | 'console' | 'request';

export interface PublicAddressInUse {
  url: string;
  source: PublicAddressSource;
  kind: AddressKind;
}

/** `GET /api/public-address`, for every signed-in moderator: what links and QR codes are made of. */
export interface PublicAddressResponse {
  /** The address in use for this console's requests. */
  inUse: PublicAddressInUse;
  /** Set by the configuration file or `--public-url`: the console cannot change it. */
  configured: string | null;
  /** The admin's choice in the console (kept, but unused while `configured` is set). */
  stored: string | null;
  /** The machine's addresses on the local network, as one-click choices (admins only; empty otherwise). */
  candidates: Array<{ url: string; interface: string; kind: AddressKind }>;
}

/** `PUT /api/admin/public-address`: an address as typed (`192.168.1.20:8080` is fine), or null to forget it. */
export interface PublicAddressRequest {
  url: string | null;
}
