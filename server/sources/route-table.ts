/**
 * Which running source answers which route of which event: the manager mounts a push source's routes when it
 * starts and takes them down when it stops; the HTTP layer (server/http/source-routes.ts) looks requests up here.
 * Each source's handlers are composed once into an express router, which runs them in turn and passes their
 * errors, thrown or rejected, to the app's error handler.
 */
import { Router, type RequestHandler } from 'express';
import type { SourceRoute } from './source.js';

/** A route as the HTTP layer serves it for every event: `post /hooks/:slug/sms/twilio`. */
export type RoutePattern = Pick<SourceRoute, 'method' | 'path'>;

const patternKey = ({ method, path }: RoutePattern) => `${method} ${path}`;

export function createRouteTable() {
  /** Route of an event (`town-hall post /hooks/:slug/sms/twilio`) -> source id -> its handlers. */
  const served = new Map<string, Map<string, RequestHandler>>();
  /** Source id -> the routes of `served` it is in. */
  const bySource = new Map<string, string[]>();
  const patterns = new Map<string, RoutePattern>();
  const listeners: ((pattern: RoutePattern) => void)[] = [];

  const routeKey = (event: string, pattern: RoutePattern) => `${event} ${patternKey(pattern)}`;

  function unmount(sourceId: string): void {
    for (const key of bySource.get(sourceId) ?? []) {
      const sources = served.get(key);
      sources?.delete(sourceId);
      if (sources?.size === 0) served.delete(key);
    }
    bySource.delete(sourceId);
  }

  function learn(pattern: RoutePattern): void {
    const key = patternKey(pattern);
    if (patterns.has(key)) return;
    patterns.set(key, { method: pattern.method, path: pattern.path });
    for (const listener of listeners) listener(pattern);
  }

  return {
    /** Serves `routes` for `event` as `sourceId`'s, in place of what that source served before (no gap between). */
    mount(event: string, sourceId: string, routes: SourceRoute[]): void {
      unmount(sourceId);
      const keys: string[] = [];
      for (const route of routes) {
        const key = routeKey(event, route);
        const sources = served.get(key) ?? new Map<string, RequestHandler>();
        sources.set(sourceId, Router({ mergeParams: true }).use(route.handlers));
        served.set(key, sources);
        keys.push(key);
        learn(route);
      }
      bySource.set(sourceId, keys);
    },

    unmount,

    /** The handlers serving this route of `event`: the first source mounted there, if two of one kind claim it. */
    find(event: string, pattern: RoutePattern): RequestHandler | undefined {
      return served.get(routeKey(event, pattern))?.values().next().value;
    },

    /** Hears every route any source has served so far, then each new one, once each. */
    onPattern(listener: (pattern: RoutePattern) => void): void {
      for (const pattern of patterns.values()) listener(pattern);
      listeners.push(listener);
    },
  };
}

export type RouteTable = ReturnType<typeof createRouteTable>;
