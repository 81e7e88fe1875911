/**
 * First-run set-up in the console: the token from the link printed at start-up, the checks of the form (the
 * server's account rules, so errors show next to their field in the console's language), and `/api/setup`.
 */
import type { ApiError, SessionResponse, SetupRequest, SetupStatus } from '../../server/protocol/api.js';
import type { Moderator } from '../../server/protocol/socket.js';
import { parseRetryAfter } from '../../wall/lib/submission.js';

export type SetupField = 'token' | 'name' | 'password' | 'confirm';

export type FieldProblem =
  'required' | 'tooShort' | 'tooLong' | 'badCharacters' | 'mismatch' | 'wrongToken' | 'taken' | 'refused';

/** What went wrong with the form as a whole rather than one field. */
export type FormProblem =
  { kind: 'done' } | { kind: 'rate_limited'; retryAfterSeconds: number | null } | { kind: 'network' };

export type FieldProblems = Partial<Record<SetupField, FieldProblem>>;

export interface SetupFields {
  token: string;
  name: string;
  password: string;
  confirm: string;
}

export type SetupOutcome =
  { ok: true; moderator: Moderator } | { ok: false; fields: FieldProblems; form: FormProblem | null };

/** The same limits as server/moderation/accounts.ts, which has the last word. */
export const NAME_MIN = 2;
export const NAME_MAX = 40;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
const NAME_CHARACTERS = /^[\p{L}\p{N}._ -]+$/u;

/** The token from `#token=XXXX-XXXX-XXXX` (a fragment never reaches the server's logs); '' when absent. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim() ?? '';
}

/** Problems found before sending, in the order of the form. */
export function checkSetup(fields: SetupFields): FieldProblems {
  const problems: FieldProblems = {};
  if (fields.token.trim() === '') problems.token = 'required';
  const name = fields.name.trim();
  if (name === '') problems.name = 'required';
  else if (name.length < NAME_MIN) problems.name = 'tooShort';
  else if (name.length > NAME_MAX) problems.name = 'tooLong';
  else if (!NAME_CHARACTERS.test(name)) problems.name = 'badCharacters';
  if (fields.password === '') problems.password = 'required';
  else if (fields.password.length < PASSWORD_MIN) problems.password = 'tooShort';
  else if (fields.password.length > PASSWORD_MAX) problems.password = 'tooLong';
  if (fields.confirm !== fields.password && !problems.password) problems.confirm = 'mismatch';
  return problems;
}

/** Problems only the server can find: they go once their field is edited, to be checked again on the next try. */
const SERVER_PROBLEMS: ReadonlySet<FieldProblem> = new Set(['wrongToken', 'taken', 'refused']);

/**
 * The problems as they stand while the organiser fixes the form: each one checked here is checked again as the
 * fields change (it goes as soon as its field is fixed, or says the field's new problem), each one the server
 * found goes once its field differs from what was sent. A field that had no problem gets none while typing.
 */
export function recheck(problems: FieldProblems, fields: SetupFields, checked: SetupFields): FieldProblems {
  const fresh = checkSetup(fields);
  const standing: FieldProblems = {};
  for (const field of Object.keys(problems) as SetupField[]) {
    const problem = problems[field];
    if (problem === undefined) continue;
    const now = SERVER_PROBLEMS.has(problem) ? (fields[field] === checked[field] ? problem : undefined) : fresh[field];
    if (now !== undefined) standing[field] = now;
  }
  return standing;
}

/** The first field with a problem, to move the focus to. */
export function firstProblem(problems: FieldProblems): SetupField | null {
  return (['token', 'name', 'password', 'confirm'] as const).find((field) => problems[field]) ?? null;
}

/** Reads the set-up status; null when the server does not answer (the console then shows the sign-in). */
export async function getSetupStatus(): Promise<SetupStatus | null> {
  try {
    const response = await fetch('/api/setup', { headers: { Accept: 'application/json' } });
    return response.ok ? ((await response.json()) as SetupStatus) : null;
  } catch {
    return null;
  }
}

export async function postSetup(request: SetupRequest): Promise<SetupOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/setup', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, fields: {}, form: { kind: 'network' } };
  }
  if (response.ok) return { ok: true, moderator: ((await response.json()) as SessionResponse).moderator };
  const error = ((await response.json().catch(() => null)) as ApiError | null)?.error;
  return refusal(response.status, error?.details?.map((d) => d.field) ?? [], response.headers.get('Retry-After'));
}

/** How the server's refusal shows in the form. */
export function refusal(status: number, fields: string[], retryAfter: string | null, now = Date.now()): SetupOutcome {
  if (status === 403) return { ok: false, fields: { token: 'wrongToken' }, form: null };
  if (status === 409 && fields.includes('name')) return { ok: false, fields: { name: 'taken' }, form: null };
  if (status === 409) return { ok: false, fields: {}, form: { kind: 'done' } };
  if (status === 429) {
    return {
      ok: false,
      fields: {},
      form: { kind: 'rate_limited', retryAfterSeconds: parseRetryAfter(retryAfter, now) },
    };
  }
  if (status === 400 && fields.length > 0) {
    const known = fields.filter((field): field is SetupField => ['token', 'name', 'password'].includes(field));
    return { ok: false, fields: Object.fromEntries(known.map((field) => [field, 'refused'])), form: null };
  }
  return { ok: false, fields: {}, form: { kind: 'network' } };
}
