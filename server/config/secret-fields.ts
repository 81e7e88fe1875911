/**
 * Which source settings are secrets. The database keeps them apart from the other settings, sealed
 * (server/security/secrets.ts), and the API never sends them back: a form leaves a secret empty to keep it.
 * A secret is named by its path in the settings: `bearerToken`, or `instances.2.token` for a Mastodon instance.
 */

/** Top-level secret fields of each kind. */
const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  x: ['bearerToken'],
  twilio: ['authToken'],
  'sms-gateway': ['secret'],
  'email-imap': ['password', 'accessToken'],
};

/** Kinds whose secret fields are alternatives (a password or an OAuth2 token): giving one drops the others. */
const ALTERNATIVES: ReadonlySet<string> = new Set(['email-imap']);

export type Settings = Record<string, unknown>;
/** Secret values by path. */
export type Secrets = Record<string, string>;

const isSet = (value: unknown): value is string => typeof value === 'string' && value !== '';

function instancesOf(settings: Settings): Settings[] {
  return Array.isArray(settings.instances) ? (settings.instances as Settings[]) : [];
}

/** Splits a source's settings into what may be shown and its secrets. */
export function splitSecrets(kind: string, settings: Settings): { settings: Settings; secrets: Secrets } {
  const open: Settings = { ...settings };
  const secrets: Secrets = {};
  for (const field of SECRET_FIELDS[kind] ?? []) {
    if (isSet(open[field])) secrets[field] = open[field];
    delete open[field];
  }
  if (kind === 'mastodon' && Array.isArray(open.instances)) {
    open.instances = instancesOf(open).map((instance, index) => {
      const { token, ...rest } = instance;
      if (isSet(token)) secrets[`instances.${index}.token`] = token;
      return rest;
    });
  }
  return { settings: open, secrets };
}

/** The full settings again, secrets put back where `splitSecrets` took them. */
export function joinSecrets(kind: string, settings: Settings, secrets: Secrets): Settings {
  const full: Settings = { ...settings };
  for (const field of SECRET_FIELDS[kind] ?? []) if (isSet(secrets[field])) full[field] = secrets[field];
  if (kind === 'mastodon' && Array.isArray(full.instances)) {
    full.instances = instancesOf(full).map((instance, index) => {
      const token = secrets[`instances.${index}.token`];
      return isSet(token) ? { ...instance, token } : instance;
    });
  }
  return full;
}

/**
 * A form's input with every secret it left out (or empty) taken from the saved source: a secret is typed once,
 * then kept. A Mastodon instance keeps its token as long as its URL stays the same, wherever it moves in the list.
 */
export function keepSavedSecrets(kind: string, input: Settings, saved: Settings): Settings {
  const merged: Settings = { ...input };
  const fields = SECRET_FIELDS[kind] ?? [];
  const typedOne = fields.some((field) => isSet(input[field]));
  for (const field of fields) {
    if (isSet(merged[field])) continue;
    delete merged[field];
    if (!(ALTERNATIVES.has(kind) && typedOne) && isSet(saved[field])) merged[field] = saved[field];
  }
  if (kind === 'mastodon' && Array.isArray(input.instances)) {
    const savedTokens = new Map(instancesOf(saved).map((instance) => [instance.url, instance.token]));
    merged.instances = instancesOf(input).map((instance) => {
      if (isSet(instance.token)) return instance;
      const { token: _empty, ...rest } = instance;
      const kept = savedTokens.get(instance.url);
      return isSet(kept) ? { ...rest, token: kept } : rest;
    });
  }
  return merged;
}
