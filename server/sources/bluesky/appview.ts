/**
 * The public Bluesky AppView, read without credentials: author profiles (`app.bsky.actor.getProfiles`) and the
 * posts an item quotes or answers (`app.bsky.feed.getPosts`), each batched by 25 and cached, best effort.
 */
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { Agent as HttpsAgent, get as httpsGet } from 'node:https';
import { z } from 'zod';
import { describeError } from '../retry.js';
import { createBatchLookup, type BatchLookup } from './batch-lookup.js';

/** What the normalizer reads from `meta.profiles[did]`. */
export interface ProfileMeta {
  handle: string;
  displayName?: string;
  avatar?: string;
}

/** What the normalizer reads from `meta.posts[uri]`. */
export interface PostMeta {
  author: ProfileMeta;
  text?: string;
}

export interface AppViewOptions {
  appviewUrl: string;
  /** How long an answer is kept. */
  ttlMs: number;
  /** The longest a post waits for its author's profile before it goes in without. */
  timeoutMs: number;
  signal: AbortSignal;
  onError(message: string): void;
}

export interface AppView {
  profiles: BatchLookup<ProfileMeta>;
  posts: BatchLookup<PostMeta>;
}

/** Both endpoints take at most 25 values per call. */
const MAX_BATCH = 25;
const WINDOW_MS = 150;
const PAUSE_AFTER_FAILURE_MS = 30_000;

const ProfileView = z.looseObject({
  did: z.string(),
  handle: z.string(),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
});
const Profiles = z.looseObject({ profiles: z.array(z.unknown()) });
const PostView = z.looseObject({
  uri: z.string(),
  author: ProfileView,
  record: z.looseObject({ text: z.string().optional() }),
});
const Posts = z.looseObject({ posts: z.array(z.unknown()) });

function profileMeta(view: z.output<typeof ProfileView>): ProfileMeta {
  return {
    handle: view.handle,
    ...(view.displayName ? { displayName: view.displayName } : {}),
    ...(view.avatar ? { avatar: view.avatar } : {}),
  };
}

/** Keep-alive agents owned by one source run, destroyed when it stops: no socket outlives the source. */
function createAgents(signal: AbortSignal) {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 4 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 4 }),
  };
  signal.addEventListener(
    'abort',
    () => {
      agents.http.destroy();
      agents.https.destroy();
    },
    { once: true },
  );
  return agents;
}

type Agents = ReturnType<typeof createAgents>;

/** GET a JSON document; rejects on anything but a 200, on `timeoutMs` without an answer, or when `signal` aborts. */
function getJson(url: URL, agents: Agents, signal: AbortSignal, timeoutMs: number): Promise<unknown> {
  const client =
    url.protocol === 'https:' ? { get: httpsGet, agent: agents.https } : { get: httpGet, agent: agents.http };
  return new Promise((resolve, reject) => {
    const request = client.get(url, {
      agent: client.agent,
      signal,
      timeout: timeoutMs,
      headers: { accept: 'application/json' },
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        if (response.statusCode !== 200)
          return reject(new Error(`${url.pathname.slice(6)} answered HTTP ${response.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error(`${url.pathname.slice(6)} answered something that is not JSON`));
        }
      });
    });
  });
}

/** Entries of a list that read as `schema`; one odd entry does not spoil the batch. */
function readable<T extends z.ZodType>(entries: unknown[], schema: T): z.output<T>[] {
  return entries.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createAppView(options: AppViewOptions): AppView {
  const common = {
    maxBatch: MAX_BATCH,
    windowMs: WINDOW_MS,
    ttlMs: options.ttlMs,
    timeoutMs: options.timeoutMs,
    pauseAfterFailureMs: PAUSE_AFTER_FAILURE_MS,
    signal: options.signal,
    onError: (error: unknown) => options.onError(describeError(error)),
  };
  const agents = createAgents(options.signal);
  const base = options.appviewUrl.endsWith('/') ? options.appviewUrl : `${options.appviewUrl}/`;
  /** GET `{appviewUrl}/xrpc/{method}?{param}=a&{param}=b`. */
  const call = (method: string, param: string, values: string[], signal: AbortSignal) => {
    const url = new URL(`xrpc/${method}`, base);
    for (const value of values) url.searchParams.append(param, value);
    // The call may outlast the caller's wait (`timeoutMs`) and still fill the cache.
    return getJson(url, agents, signal, options.timeoutMs * 4);
  };
  return {
    profiles: createBatchLookup<ProfileMeta>({
      ...common,
      async fetchBatch(dids, signal) {
        const body = Profiles.parse(await call('app.bsky.actor.getProfiles', 'actors', dids, signal));
        return new Map(readable(body.profiles, ProfileView).map((view) => [view.did, profileMeta(view)]));
      },
    }),
    posts: createBatchLookup<PostMeta>({
      ...common,
      async fetchBatch(uris, signal) {
        const body = Posts.parse(await call('app.bsky.feed.getPosts', 'uris', uris, signal));
        return new Map(
          readable(body.posts, PostView).map((view) => [
            view.uri,
            { author: profileMeta(view.author), ...(view.record.text ? { text: view.record.text } : {}) },
          ]),
        );
      },
    }),
  };
}
