/**
 * The public Bluesky AppView on 127.0.0.1, as far as the source uses it: `app.bsky.actor.getProfiles` and
 * `app.bsky.feed.getPosts` (repeated `actors` / `uris` parameters, at most 25, unknown ones left out of the answer,
 * XRPC errors as `{ error, message }`), plus the image CDN paths (`/img/{preset}/plain/{did}/{cid}@jpeg`). Response
 * shapes follow the lexicons (`app.bsky.actor.defs#profileViewDetailed`, `app.bsky.feed.defs#postView`). Calls are
 * counted, and it can fail or hang on demand.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG_1X1 } from './image-host.js';

export interface FakeProfile {
  handle: string;
  displayName?: string;
  /** Path of the avatar on this server's CDN, e.g. `/img/avatar/plain/{did}/{cid}@jpeg`. */
  avatarPath?: string;
}

export interface FakePost {
  did: string;
  text: string;
}

export interface FakeAppView {
  url: string;
  addProfile(did: string, profile: FakeProfile): void;
  addPost(uri: string, post: FakePost): void;
  /** The `actors` of every getProfiles call, and the `uris` of every getPosts call, in order. */
  readonly profileCalls: string[][];
  readonly postCalls: string[][];
  /** Hits per CDN path. */
  readonly cdnHits: Map<string, number>;
  /** `fail`: XRPC 502 errors; `hang`: requests never answered (until `ok` or close). */
  mode(mode: 'ok' | 'fail' | 'hang'): void;
  close(): Promise<void>;
}

const MAX_ITEMS = 25;

function xrpcError(res: ServerResponse, status: number, error: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error, message }));
}

export async function startAppView(): Promise<FakeAppView> {
  const profiles = new Map<string, FakeProfile>();
  const posts = new Map<string, FakePost>();
  const profileCalls: string[][] = [];
  const postCalls: string[][] = [];
  const cdnHits = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  let current: 'ok' | 'fail' | 'hang' = 'ok';
  let base = '';

  function profileView(did: string) {
    const profile = profiles.get(did);
    if (!profile) return undefined;
    return {
      did,
      handle: profile.handle,
      ...(profile.displayName === undefined ? {} : { displayName: profile.displayName }),
      ...(profile.avatarPath === undefined ? {} : { avatar: `${base}${profile.avatarPath}` }),
      associated: { lists: 0, feedgens: 0, starterPacks: 0, labeler: false },
      labels: [],
      createdAt: '2024-11-18T09:12:33.120Z',
      indexedAt: '2024-11-18T09:12:33.120Z',
      followersCount: 12,
      followsCount: 30,
      postsCount: 58,
    };
  }

  function postView(uri: string) {
    const post = posts.get(uri);
    const author = post && profileView(post.did);
    if (!post || !author) return undefined;
    const record = {
      $type: 'app.bsky.feed.post',
      createdAt: '2026-03-12T17:00:00.000Z',
      langs: ['fr'],
      text: post.text,
    };
    const counts = { bookmarkCount: 0, replyCount: 1, repostCount: 0, likeCount: 3, quoteCount: 1 };
    return { uri, cid: 'bafyreifakepostcid', author, record, ...counts, indexedAt: record.createdAt, labels: [] };
  }

  function list(res: ServerResponse, values: string[], calls: string[][], key: string, view: (v: string) => unknown) {
    calls.push(values);
    if (values.length > MAX_ITEMS) {
      return xrpcError(res, 400, 'InvalidRequest', `Error: ${key} must not have more than ${MAX_ITEMS} elements`);
    }
    const found = values.map(view).filter((entry) => entry !== undefined);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ [key]: found }));
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/img/')) {
      cdnHits.set(url.pathname, (cdnHits.get(url.pathname) ?? 0) + 1);
      // The real CDN re-encodes to JPEG; any real image will do for the media proxy.
      return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_1X1);
    }
    if (current === 'hang') return void hanging.add(res);
    if (current === 'fail') return xrpcError(res, 502, 'UpstreamFailure', 'Upstream Failure');
    if (url.pathname === '/xrpc/app.bsky.actor.getProfiles') {
      return list(res, url.searchParams.getAll('actors'), profileCalls, 'profiles', profileView);
    }
    if (url.pathname === '/xrpc/app.bsky.feed.getPosts') {
      return list(res, url.searchParams.getAll('uris'), postCalls, 'posts', postView);
    }
    xrpcError(res, 501, 'MethodNotImplemented', 'Method Not Implemented');
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const release = () => {
    for (const res of hanging) xrpcError(res, 503, 'NotEnoughResources', 'Service Unavailable');
    hanging.clear();
  };
  return {
    url: base,
    addProfile: (did, profile) => void profiles.set(did, profile),
    addPost: (uri, post) => void posts.set(uri, post),
    profileCalls,
    postCalls,
    cdnHits,
    mode(mode) {
      current = mode;
      if (mode !== 'hang') release();
    },
    async close() {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
