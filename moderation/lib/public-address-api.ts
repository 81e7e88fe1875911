/** The public address (`/api/public-address`, `/api/admin/public-address`): read by every console, set by admins. */
import type { PublicAddressRequest, PublicAddressResponse } from '../../server/protocol/public-address.js';
import { failure, type AdminResult } from './events-api.js';

export function getPublicAddress(): Promise<AdminResult<PublicAddressResponse>> {
  return call('GET', '/api/public-address');
}

/** `url` as typed (`192.168.1.20:8080` is fine), or null to forget the console's choice. */
export function setPublicAddress(url: string | null): Promise<AdminResult<PublicAddressResponse>> {
  const body: PublicAddressRequest = { url };
  return call('PUT', '/api/admin/public-address', body);
}

async function call(method: string, path: string, body?: unknown): Promise<AdminResult<PublicAddressResponse>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, code: 'network', message: '', fields: [] };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok && json !== null) return { ok: true, data: json as PublicAddressResponse };
  return failure(response.status, json);
}
