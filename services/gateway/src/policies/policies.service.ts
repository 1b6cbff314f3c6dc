import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context';
import { isUniqueViolation } from '../common/is-unique-violation.util';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import type { CreatePolicyDto } from './dto/create-policy.dto';
import type { PolicyDetailDto } from './dto/policy-detail.dto';
import { PoliciesRepository } from './policies.repository';
import { policyFromDocument } from './policy-document.util';
import { policyNotFound } from './policy-not-found.exception';

/** Policy versions: recorded here or by the decider, activated by an admin. */
@Injectable()
export class PoliciesService {
  constructor(private readonly policies: PoliciesRepository) {}

  async get(name: string, version?: number): Promise<PolicyDetailDto> {
    const policy = await this.policies.find(name, version);
    if (!policy) {
      throw policyNotFound(name, version);
    }
    return policy;
  }

  /**
   * Validates the document as the decider would (all its problems at once, before anything is locked), then records
   * it under its `version`, or the next one of its name when it gives none. A version that exists is a 409: a
   * version means one document, since every decision names the version that took it.
   */
  async create(input: CreatePolicyDto, context: RequestContext): Promise<PolicyDetailDto> {
    const { document } = input;
    const asked = document.version;
    // Without a version the rest is checked now with a stand-in; the real one is known under the lock.
    const { name } = policyFromDocument(asked === undefined ? { ...document, version: 1 } : document);
    const audit = {
      actor: context.actor,
      action: 'policy.created',
      target: `policy:${name}`,
      details: { name },
      requestId: context.requestId,
    };
    let latestSeen = 0;
    try {
      const policy = await this.policies.create(
        name,
        (latest) => {
          latestSeen = latest;
          if (asked === undefined) {
            return policyFromDocument({ ...document, version: latest + 1 });
          }
          // Validated above: an integer ≥ 1. Older than the newest is refused too: versions only go up.
          if ((asked as number) <= latest) {
            throw versionTaken(name, asked as number, latest);
          }
          return policyFromDocument(document);
        },
        audit,
      );
      return await this.get(policy.name, policy.version);
    } catch (error) {
      // A decider recording the same version at this moment (it takes no lock).
      if (isUniqueViolation(error, 'policies_pkey')) {
        throw versionTaken(name, typeof asked === 'number' ? asked : latestSeen + 1, latestSeen + 1);
      }
      throw error;
    }
  }

  /** Makes the version the only active one (admin); activating the active version changes nothing. */
  async activate(name: string, version: number, context: RequestContext): Promise<PolicyDetailDto> {
    const outcome = await this.policies.activate(name, version, {
      actor: context.actor,
      action: 'policy.activated',
      target: `policy:${name}`,
      details: { name, version },
      requestId: context.requestId,
    });
    if (outcome === 'missing') {
      throw policyNotFound(name, version);
    }
    return this.get(name, version);
  }
}

function versionTaken(name: string, version: number, latest: number): ApiException {
  return new ApiException(ApiErrorCode.PolicyVersionTaken, `policy ${name} already has version ${version}`, [
    {
      field: 'document.version',
      problem: `must be a new version: ${name} has versions up to ${latest} (leave it out to get ${latest + 1})`,
    },
  ]);
}
