import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Time } from '../../components';
import { DecisionEvidence } from './decision-evidence';
import type { Decision } from './decision.types';
import './decisions.css';

/** The verb of an action, as an operator reads it. */
const ACTION_LABEL: Record<Decision['action'], string> = {
  exclude: 'excluded',
  recover: 'recovered',
  override: 'override',
};

/** What a manual override asked, from its evidence (`mode`). */
function overrideLabel(decision: Decision): string {
  const mode = decision.evidence?.mode;
  return typeof mode === 'string' ? `override: ${mode}` : 'override';
}

/** Why a detection did not change the status (dry-run policy, protected queue, open outage…). */
function notEnforcedReason(decision: Decision): string {
  const blocked = decision.evidence?.blockedBy;
  return typeof blocked === 'string' ? `not enforced: ${blocked}` : 'not enforced';
}

/**
 * One decision: when, what, on which queue, by whom (policy and version, or the operator), why, and — inline or
 * behind `evidenceToggle` — its evidence.
 */
export function DecisionItem({
  decision,
  showQueue = true,
  showEvidence = true,
  evidenceToggle,
  selected = false,
}: {
  decision: Decision;
  showQueue?: boolean;
  showEvidence?: boolean;
  /** Rendered at the end of the first line (e.g. a link that opens the evidence panel). */
  evidenceToggle?: ReactNode;
  selected?: boolean;
}) {
  // A detection the policy did not enforce (dry-run, protected queue, open outage…) changed nothing.
  const action =
    decision.action === 'override'
      ? overrideLabel(decision)
      : decision.enforced
        ? ACTION_LABEL[decision.action]
        : `would ${decision.action}`;
  return (
    <li
      className={`decision-item${selected ? ' selected' : ''}${decision.enforced ? '' : ' not-enforced'}`}
      data-testid="decision-item"
      data-decision-id={decision.id}
      data-action={decision.action}
      data-enforced={decision.enforced}
    >
      <div className="decision-line">
        <span className="decision-time">
          <Time value={decision.decidedAt} withSeconds />
        </span>
        <span className={`action action-${decision.action}`} data-testid="decision-action">
          {action}
        </span>
        {showQueue && (
          <span className="decision-queue">
            <Link to={`/queues/${encodeURIComponent(decision.queueId)}`}>{decision.queueId}</Link>
            <span className="muted"> · {decision.siteId}</span>
          </span>
        )}
        <span className="decision-by muted">
          {decision.source}
          {decision.source === 'manual' ? ` by ${decision.actor}` : ''}
        </span>
        {!decision.enforced && <span className="tag tag-quiet">{notEnforcedReason(decision)}</span>}
        {decision.outageId && (
          <Link className="tag tag-outage" to={`/decisions?outage=${decision.outageId}`} title="taken in an outage">
            outage
          </Link>
        )}
        <span className="decision-reason">{decision.reason}</span>
        {evidenceToggle && <span className="decision-toggle">{evidenceToggle}</span>}
      </div>
      {showEvidence && <DecisionEvidence decision={decision} />}
    </li>
  );
}
