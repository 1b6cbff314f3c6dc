import type { RuleNode } from '../policy/policy.types';
import { evaluateConsecutive } from './consecutive.rule';
import { evaluateFailureRate } from './failure-rate.rule';
import { evaluatePeerOutlier } from './peer-outlier.rule';
import { evaluatePeersHealthy } from './peers-healthy.rule';
import type { RuleContext, RuleResult } from './rule-result.types';
import { evaluateSprt } from './sprt.rule';
import { evaluateTemplatesFailed } from './templates-failed.rule';
import { evaluateTemplatesSucceeded } from './templates-succeeded.rule';

function prefixed(results: readonly RuleResult[], pick: 'counts' | 'thresholds'): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const r of results) {
    for (const [key, value] of Object.entries(r[pick])) {
      merged[`${r.name}.${key}`] = value;
    }
  }
  return merged;
}

/**
 * Evaluates a rule tree. `any` reports its first firing child (or, when none fires, the last child it
 * looked at); `all` fires when every child does and merges their evidence, keys prefixed by child name.
 * An explicit `name` on `any`/`all` replaces the reported name.
 */
export function evaluateRule(node: RuleNode, ctx: RuleContext): RuleResult {
  if ('any' in node) {
    let last: RuleResult | undefined;
    for (const child of node.any) {
      last = evaluateRule(child, ctx);
      if (last.fired) {
        break;
      }
    }
    const result = last as RuleResult;
    return node.name === undefined ? result : { ...result, name: node.name };
  }
  if ('all' in node) {
    const results: RuleResult[] = [];
    for (const child of node.all) {
      const r = evaluateRule(child, ctx);
      results.push(r);
      if (!r.fired) {
        return { ...r, name: node.name ?? r.name };
      }
    }
    return {
      fired: true,
      name: node.name ?? results.map((r) => r.name).join('+'),
      reason: results.map((r) => `${r.name}: ${r.reason}`).join('; '),
      jobIds: [...new Set(results.flatMap((r) => r.jobIds))],
      counts: prefixed(results, 'counts'),
      thresholds: prefixed(results, 'thresholds'),
    };
  }
  if ('templatesFailed' in node) {
    return evaluateTemplatesFailed(node.templatesFailed, ctx);
  }
  if ('templatesSucceeded' in node) {
    return evaluateTemplatesSucceeded(node.templatesSucceeded, ctx);
  }
  if ('consecutiveFailures' in node) {
    return evaluateConsecutive(node.consecutiveFailures, ctx, 'failures');
  }
  if ('consecutiveSuccesses' in node) {
    return evaluateConsecutive(node.consecutiveSuccesses, ctx, 'successes');
  }
  if ('failureRate' in node) {
    return evaluateFailureRate(node.failureRate, ctx);
  }
  if ('sprt' in node) {
    return evaluateSprt(node.sprt, ctx);
  }
  if ('peerOutlier' in node) {
    return evaluatePeerOutlier(node.peerOutlier, ctx);
  }
  return evaluatePeersHealthy(node.peersHealthy, ctx);
}
