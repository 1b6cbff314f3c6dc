import { counted } from '../engine/evidence.util';
import type { PeersHealthyRule } from '../policy/policy.types';
import { percent, ruleName } from './rule-name.util';
import type { RuleContext, RuleResult } from './rule-result.types';

/**
 * Fires while the queue's peers are healthy: at most `maxFailingPercent` of the other queues of its
 * scope with a result in `window` had a counted failure in it (at least `minPeers` of them). When a
 * central service fails, many peers fail at once and the condition drops within minutes — sooner than
 * any single queue collects enough failures to be excluded.
 */
export function evaluatePeersHealthy(rule: PeersHealthyRule, ctx: RuleContext): RuleResult {
  const classes = rule.errorClasses ?? ctx.countErrorClasses;
  let peers = 0;
  let failing = 0;
  for (const peer of ctx.peers(rule.scope)) {
    const results = counted(peer.recent, classes, ctx.now, rule.window);
    if (results.length > 0) {
      peers += 1;
      failing += results.some((r) => r.failed) ? 1 : 0;
    }
  }
  const fired = peers >= rule.minPeers && failing * 100 <= rule.maxFailingPercent * peers;
  return {
    fired,
    name: ruleName(rule.name, `peers-healthy-${rule.scope}`),
    reason:
      peers < rule.minPeers
        ? `${peers} peer(s) with results, needs ${rule.minPeers}`
        : `${failing} of ${peers} peer(s) failing (${percent(peers === 0 ? 0 : failing / peers)}; healthy at most ${rule.maxFailingPercent}%)`,
    jobIds: [],
    counts: { peers, failingPeers: failing },
    thresholds: { maxFailingPercent: rule.maxFailingPercent, minPeers: rule.minPeers, windowMs: rule.window },
  };
}
