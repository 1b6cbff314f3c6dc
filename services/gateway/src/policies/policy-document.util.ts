import { parsePolicy, PolicyValidationError, type Policy } from '@anvil/policy';
import { ApiException } from '../errors/api.exception';

/** Where the document sits in the request body, so a problem names `document.exclude.any[1]...`. */
const DOCUMENT_FIELD = 'document';

/**
 * The policy a document describes, validated by libs/policy (the decider's own validation) with defaults filled
 * in; every problem becomes a 400 detail naming the field under `document`.
 */
export function policyFromDocument(document: Record<string, unknown>): Policy {
  try {
    return parsePolicy(document);
  } catch (error) {
    if (error instanceof PolicyValidationError) {
      throw ApiException.validation(
        error.problems.map(({ path, message }) => ({
          field: path === 'policy' ? DOCUMENT_FIELD : `${DOCUMENT_FIELD}.${path}`,
          problem: message,
        })),
      );
    }
    throw error;
  }
}
