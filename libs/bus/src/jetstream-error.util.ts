import { NatsError } from 'nats';

/** JetStream API error codes Anvil reacts to (nats-server `errors.json`). */
export const JS_ERR = {
  streamNotFound: 10059,
  streamNameInUse: 10058,
  consumerNotFound: 10014,
  consumerAlreadyExists: 10148,
  consumerNameExists: 10013,
} as const;

/** The JetStream `err_code` of an error, if it is a JetStream API error. */
export function jetStreamErrorCode(error: unknown): number | undefined {
  return error instanceof NatsError ? error.api_error?.err_code : undefined;
}
