/** A setting is missing or invalid. The message names the setting, so the service stops with a clear reason. */
export class ConfigException extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`invalid setting ${setting}: ${problem}`);
    this.name = 'ConfigException';
  }
}
