export { schema, type Config, type SettingName, type Setting } from './schema.js';
export { loadConfig, defaults, helpText, configMarkdown, ConfigError, flagName, envName } from './load.js';
