export { loadConfig, ConfigError, DEFAULT_CONFIG_FILES } from './load.js';
export type { ConfigOverrides, LoadedConfig } from './load.js';
export type { Config, EventConfig, ConfigInput } from './schema.js';
export type { SourceConfig, SourceConfigKind } from './sources.js';
