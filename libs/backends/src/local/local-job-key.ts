/** Which job a job directory holds. Both ids are safe as path segments (see `isSafeLocalId`). */
export interface LocalJobKey {
  readonly testId: string;
  readonly jobId: string;
}

const SEGMENT = '[A-Za-z0-9_-]{1,128}';
const SAFE_ID = new RegExp(`^${SEGMENT}$`);
const KEY_NAME = new RegExp(`^(${SEGMENT})\\.(${SEGMENT})$`);
const PREFIX = 'local-';

/** True when `id` can name a directory: letters, digits, `_` and `-`, at most 128 characters (a UUID is). */
export function isSafeLocalId(id: string): boolean {
  return SAFE_ID.test(id);
}

/** `<testId>.<jobId>`: the job's name in queue directories (waiting hints, slot tokens). */
export function jobKeyName(key: LocalJobKey): string {
  return `${key.testId}.${key.jobId}`;
}

/** The key a `jobKeyName` encodes, or undefined when `name` is not one. */
export function parseJobKeyName(name: string): LocalJobKey | undefined {
  const match = KEY_NAME.exec(name);
  return match === null ? undefined : { testId: match[1] ?? '', jobId: match[2] ?? '' };
}

/** The backend job id of a local job: `local-<testId>.<jobId>`, so it locates the job's directory. */
export function localBackendJobId(key: LocalJobKey): string {
  return `${PREFIX}${jobKeyName(key)}`;
}

/** The key a local backend job id encodes, or undefined when it is not one. */
export function parseLocalBackendJobId(backendJobId: string): LocalJobKey | undefined {
  return backendJobId.startsWith(PREFIX) ? parseJobKeyName(backendJobId.slice(PREFIX.length)) : undefined;
}
