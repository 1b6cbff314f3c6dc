import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  CONTRACTS,
  DecisionSource,
  overrideModeName,
  subjectMatches,
  type OutageChanged,
  type QueueDecided,
  type QueueOverridden,
} from '@anvil/contracts';

type Document = Record<string, unknown>;

/** A decision event as an OpenSearch document: its business key as id, and its time (the daily index). */
export interface DecisionDocument {
  readonly id: string;
  readonly at: Date;
  readonly doc: Document;
}

const DATASET = 'anvil.decisions';
const MAX_INDEXABLE_MS = Date.UTC(10000, 0, 1);

/**
 * The document of a decision event on `subject` (un-namespaced): exclusions and recoveries (`QueueDecided`),
 * overrides that took effect (`QueueOverridden`), outages opened and closed (`OutageChanged`). Undefined for
 * `anvil.queue.override-requested`: a command, not a decision (its effect is the `QueueOverridden` that follows,
 * which carries the actor, mode and reason; requests themselves are in the gateway's audit log).
 * `now` dates an event that lacks its own time (a producer bug).
 */
export function decisionDocument(subject: string, message: unknown, now = new Date()): DecisionDocument | undefined {
  if (
    subjectMatches(CONTRACTS.queueExcluded.pattern, subject) ||
    subjectMatches(CONTRACTS.queueRecovered.pattern, subject)
  ) {
    return queueDecided(message as QueueDecided, now);
  }
  if (subjectMatches(CONTRACTS.queueOverridden.pattern, subject)) {
    return queueOverridden(message as QueueOverridden, now);
  }
  if (
    subjectMatches(CONTRACTS.outageOpened.pattern, subject) ||
    subjectMatches(CONTRACTS.outageClosed.pattern, subject)
  ) {
    return outageChanged(message as OutageChanged, now);
  }
  return undefined;
}

function queueDecided(m: QueueDecided, now: Date): DecisionDocument {
  const at = dateOf(m.decidedAt) ?? now;
  const evidence = m.evidence;
  const doc: Document = {
    '@timestamp': at.toISOString(),
    'event.dataset': DATASET,
    'event.action': m.action,
    'event.reason': m.reason,
    message: `${m.action} ${m.queueId}${m.enforced ? '' : ' (dry run)'}: ${m.reason}`,
    'queue.id': m.queueId,
    'decision.id': m.decisionId,
    'decision.source': sourceName(m.source),
    'decision.policy.name': m.policyName,
    'decision.policy.version': m.policyVersion,
    'decision.enforced': m.enforced,
    ...siteAndLabels(m.labels),
  };
  if (evidence !== undefined) {
    doc['decision.rule'] = evidence.rule;
    doc['decision.job_ids'] = evidence.jobIds;
    doc['decision.counts'] = evidence.counts;
    doc['decision.thresholds'] = evidence.thresholds;
    doc['decision.exclusion_number'] = evidence.exclusionNumber;
    setDate(doc, 'decision.next_eligible_at', evidence.nextEligibleAt);
    if (evidence.detailJson !== '') {
      doc['decision.detail'] = evidence.detailJson;
    }
  }
  if (m.outageId !== '') {
    doc['outage.id'] = m.outageId;
  }
  return { id: CONTRACTS.queueExcluded.businessKey(m), at, doc };
}

function queueOverridden(m: QueueOverridden, now: Date): DecisionDocument {
  const at = dateOf(m.decidedAt) ?? now;
  const mode = overrideModeName(m.mode) ?? 'unspecified';
  const doc: Document = {
    '@timestamp': at.toISOString(),
    'event.dataset': DATASET,
    'event.action': 'override',
    'event.reason': m.reason,
    message: `override ${mode} of ${m.queueId} by ${m.actor}: ${m.reason}`,
    'queue.id': m.queueId,
    'decision.id': m.decisionId,
    'decision.source': 'manual',
    'decision.mode': mode,
    'decision.actor': m.actor,
    'decision.status': m.status,
    'decision.enforced': true,
    ...siteAndLabels(m.labels),
  };
  setDate(doc, 'decision.expires_at', m.expiresAt);
  return { id: CONTRACTS.queueOverridden.businessKey(m), at, doc };
}

function outageChanged(m: OutageChanged, now: Date): DecisionDocument {
  const closed = m.change === 'closed';
  const at = (closed ? dateOf(m.closedAt) : dateOf(m.openedAt)) ?? now;
  const doc: Document = {
    '@timestamp': at.toISOString(),
    'event.dataset': DATASET,
    'event.action': `outage-${m.change}`,
    'event.reason': m.reason,
    message: `outage ${m.outageId} ${m.change} (${m.scope}): ${m.reason}`,
    'outage.id': m.outageId,
    'outage.scope': m.scope,
    'outage.queue_ids': m.queueIds,
    'decision.source': 'guard',
    // The breaker acts (queues held, then recovered): never a dry run.
    'decision.enforced': true,
    'decision.policy.name': m.policyName,
    'decision.policy.version': m.policyVersion,
    'decision.counts': m.counts,
    'decision.thresholds': m.thresholds,
  };
  setDate(doc, 'outage.opened_at', m.openedAt);
  setDate(doc, 'outage.closed_at', m.closedAt);
  const contract = closed ? CONTRACTS.outageClosed : CONTRACTS.outageOpened;
  return { id: contract.businessKey(m), at, doc };
}

function siteAndLabels(labels: Readonly<Record<string, string>>): Document {
  const site = labels.site;
  return {
    ...(site === undefined || site === '' ? {} : { 'site.id': site }),
    ...(Object.keys(labels).length === 0 ? {} : { labels }),
  };
}

function sourceName(source: DecisionSource): string {
  switch (source) {
    case DecisionSource.POLICY:
      return 'policy';
    case DecisionSource.MANUAL:
      return 'manual';
    case DecisionSource.GUARD:
      return 'guard';
    case DecisionSource.UNSPECIFIED:
      return 'unspecified';
  }
}

function dateOf(timestamp: Timestamp | undefined): Date | undefined {
  if (timestamp === undefined) {
    return undefined;
  }
  const date = timestampDate(timestamp);
  const ms = date.getTime();
  // Within 1970-9999: a daily index name can be made of it.
  return Number.isFinite(ms) && ms >= 0 && ms < MAX_INDEXABLE_MS ? date : undefined;
}

function setDate(doc: Document, key: string, timestamp: Timestamp | undefined): void {
  const date = dateOf(timestamp);
  if (date !== undefined) {
    doc[key] = date.toISOString();
  }
}
