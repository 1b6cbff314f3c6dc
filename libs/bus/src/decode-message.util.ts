import { fromBinary } from '@bufbuild/protobuf';
import { subjectMatches, type Contract } from '@anvil/contracts';

export type DecodeResult =
  | { readonly ok: true; readonly contract: Contract; readonly message: unknown }
  | { readonly ok: false; readonly problem: string };

/**
 * Decodes the payload of an un-namespaced `subject` with the contract whose pattern matches it, then runs the
 * contract's checks. A failure names the problem (the fields for a failed check).
 */
export function decodeMessage(contracts: readonly Contract[], subject: string, data: Uint8Array): DecodeResult {
  const contract = contracts.find((candidate) => subjectMatches(candidate.pattern, subject));
  if (contract === undefined) {
    return { ok: false, problem: `no contract for subject ${subject}` };
  }
  let message;
  try {
    message = fromBinary(contract.schema, data);
  } catch (error) {
    return { ok: false, problem: `cannot decode ${contract.schema.typeName}: ${errorMessage(error)}` };
  }
  const problems = contract.check(message);
  if (problems.length > 0) {
    return { ok: false, problem: problems.join('; ') };
  }
  return { ok: true, contract, message };
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
