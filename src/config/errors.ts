/**
 * Expected configuration faults. `message` is always one line that names the file (or flag), the key
 * path and what is wrong, so the CLI can print it as is: never a stack trace for a broken config.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super(message);
  }
}
