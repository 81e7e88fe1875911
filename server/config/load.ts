/**
 * Reads the configuration once at start-up: file (JSON or YAML), `${ENV_VAR}` references for secrets, then the
 * environment and command-line overrides. Every problem is collected into one error, so an organiser fixes the
 * file in one go instead of one restart per mistake.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DEFAULT_CONFIG } from './defaults.js';
import { configSchema, type Config } from './schema.js';

export { type Config, type EventConfig } from './schema.js';

/** Looked for in the working directory when no path is given. */
export const DEFAULT_CONFIG_FILES = ['murmure.config.json', 'murmure.config.yaml', 'murmure.config.yml'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string | null,
    readonly problems: string[],
  ) {
    const where = file ?? 'the built-in configuration';
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Invalid configuration in ${where} (${count}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Settings that the environment and the command line override, in that order of precedence. */
export interface ConfigOverrides {
  port?: number;
  dataDir?: string;
  publicUrl?: string;
  /** Add the demo source to the first event. */
  demo?: boolean;
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or null for the built-in demo configuration. */
  file: string | null;
  /**
   * Each event as the file writes it (environment values filled in), by slug, before any default applies: what
   * the file declares, so a new default in a later release is not taken for a change of the file.
   */
  declarations: Record<string, string>;
}

export function loadConfig(
  path: string | undefined,
  overrides: ConfigOverrides = {},
  env: NodeJS.ProcessEnv = process.env,
): LoadedConfig {
  const file = path ? resolve(path) : (findDefaultFile() ?? null);
  if (file && !existsSync(file)) throw new ConfigError(file, ['file not found']);
  const raw = file ? readConfigFile(file) : structuredClone(DEFAULT_CONFIG);
  const problems: string[] = [];
  const interpolated = interpolateEnv(raw, env, [], problems);
  const applied = applyOverrides(interpolated, overrides);
  const parsed = configSchema.safeParse(applied);
  if (!parsed.success) problems.push(...formatIssues(parsed.error.issues));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(file, problems);
  return { config: parsed.data, file, declarations: declarationsOf(applied) };
}

function declarationsOf(config: unknown): Record<string, string> {
  const events: unknown = (config as { events?: unknown } | null)?.events;
  const declarations: Record<string, string> = {};
  for (const event of Array.isArray(events) ? events : []) {
    const slug = (event as { slug?: unknown } | null)?.slug;
    if (typeof slug === 'string') declarations[slug] = JSON.stringify(event);
  }
  return declarations;
}

function findDefaultFile(): string | undefined {
  return DEFAULT_CONFIG_FILES.map((name) => resolve(name)).find((candidate) => existsSync(candidate));
}

function readConfigFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, [`cannot be read: ${(error as Error).message}`]);
  }
}

const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Replaces every string that is exactly `${NAME}` by that environment variable, so secrets stay out of the file. */
function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path: PropertyKey[], problems: string[]): unknown {
  if (typeof value === 'string') {
    const name = ENV_REFERENCE.exec(value)?.[1];
    if (!name) return value;
    const found = env[name];
    if (found === undefined || found === '')
      problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
    return found ?? '';
  }
  if (Array.isArray(value)) return value.map((entry, i) => interpolateEnv(entry, env, [...path, i], problems));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, interpolateEnv(entry, env, [...path, key], problems)]),
    );
  }
  return value;
}

function applyOverrides(raw: unknown, overrides: ConfigOverrides): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const result: Record<string, unknown> = { ...raw };
  if (overrides.port !== undefined) result.port = overrides.port;
  if (overrides.dataDir !== undefined) result.dataDir = overrides.dataDir;
  if (overrides.publicUrl !== undefined) result.publicUrl = overrides.publicUrl;
  if (overrides.demo) addDemoSource(result);
  return result;
}

function addDemoSource(config: Record<string, unknown>): void {
  const first: unknown = Array.isArray(config.events) ? config.events[0] : undefined;
  if (first === null || typeof first !== 'object') return;
  const event = first as Record<string, unknown>;
  const sources = Array.isArray(event.sources) ? event.sources : [{ kind: 'web' }];
  const hasDemo = sources.some((source: unknown) => (source as { kind?: unknown } | null)?.kind === 'demo');
  event.sources = hasDemo ? sources : [...sources, { kind: 'demo' }];
}

function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

/** `events[0].sources[1].bearerToken`, the way a person reads a path into the file. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
