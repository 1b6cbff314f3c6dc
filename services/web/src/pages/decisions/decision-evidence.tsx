import { Link } from 'react-router-dom';
import { Time, formatDuration } from '../../components';
import type { Decision } from './decision.types';

/** Evidence keys shown in their own place; any other key is listed as it was stored. */
const KNOWN = new Set([
  'rule',
  'key',
  'jobIds',
  'counts',
  'thresholds',
  'exclusionNumber',
  'nextEligibleAt',
  'blockedBy',
  'detail',
  'mode',
  'status',
  'requestId',
  'expiresAt',
]);

/** How many job ids are listed before "N more". */
const JOB_IDS_SHOWN = 8;

function isNumberRecord(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A count or threshold: durations (`…Ms`) in words, fractions as they are. */
function formatFigure(key: string, value: unknown): string {
  if (typeof value === 'number' && /Ms$/.test(key)) {
    return formatDuration(value / 1000);
  }
  return typeof value === 'number' || typeof value === 'string' ? String(value) : JSON.stringify(value);
}

function Figures({ title, values }: { title: string; values: Record<string, number> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) {
    return null;
  }
  return (
    <div className="evidence-figures">
      <span className="evidence-label">{title}</span>
      {entries.map(([k, v]) => (
        <span key={k} className="figure" data-figure={k}>
          <span className="figure-key">{typeof v === 'number' && /Ms$/.test(k) ? k.slice(0, -2) : k}</span>{' '}
          <b>{formatFigure(k, v)}</b>
        </span>
      ))}
    </div>
  );
}

/**
 * A decision's evidence as the decider stored it: the rule, the counts it saw against the policy's thresholds, the
 * jobs it looked at, the exclusion number and the next eligible time; for an override, its mode, status and expiry.
 */
export function DecisionEvidence({ decision }: { decision: Decision }) {
  const ev = decision.evidence ?? {};
  const jobIds = Array.isArray(ev.jobIds) ? ev.jobIds.map(String) : [];
  const rest = Object.entries(ev).filter(([k]) => !KNOWN.has(k));
  return (
    <div className="evidence" data-testid="decision-evidence">
      <div className="evidence-line">
        {typeof ev.rule === 'string' && (
          <span>
            <span className="evidence-label">rule</span> <code data-testid="evidence-rule">{ev.rule}</code>
          </span>
        )}
        {typeof ev.mode === 'string' && (
          <span>
            <span className="evidence-label">mode</span> <b>{ev.mode}</b>
          </span>
        )}
        {typeof ev.status === 'string' && (
          <span>
            <span className="evidence-label">status set</span> <b>{ev.status}</b>
          </span>
        )}
        {typeof ev.exclusionNumber === 'number' && (
          <span>
            <span className="evidence-label">exclusion</span> <b>#{ev.exclusionNumber}</b>
          </span>
        )}
        {typeof ev.nextEligibleAt === 'string' && (
          <span>
            <span className="evidence-label">next eligible</span> <Time value={ev.nextEligibleAt} />
          </span>
        )}
        {typeof ev.expiresAt === 'string' && (
          <span>
            <span className="evidence-label">expires</span> <Time value={ev.expiresAt} />
          </span>
        )}
        {typeof ev.blockedBy === 'string' && (
          <span>
            <span className="evidence-label">blocked by</span> <b>{ev.blockedBy}</b>
          </span>
        )}
        <span>
          <span className="evidence-label">policy</span>{' '}
          {decision.policy ? (
            <code>
              {decision.policy.name}
              {decision.policy.version === null ? '' : ` v${decision.policy.version}`}
            </code>
          ) : (
            <span className="muted">none (manual)</span>
          )}
        </span>
        {decision.outageId && (
          <span>
            <span className="evidence-label">outage</span>{' '}
            <Link to={`/decisions?outage=${decision.outageId}`}>{decision.outageId.slice(0, 8)}</Link>
          </span>
        )}
      </div>
      {isNumberRecord(ev.counts) && <Figures title="counts" values={ev.counts} />}
      {isNumberRecord(ev.thresholds) && <Figures title="thresholds" values={ev.thresholds} />}
      {jobIds.length > 0 && (
        <div className="evidence-jobs" data-testid="evidence-jobs">
          <span className="evidence-label">jobs ({jobIds.length})</span>
          {jobIds.slice(0, JOB_IDS_SHOWN).map((id) => (
            <code key={id} className="job-id" title={id}>
              {id}
            </code>
          ))}
          {jobIds.length > JOB_IDS_SHOWN && (
            <details className="more-jobs">
              <summary>{jobIds.length - JOB_IDS_SHOWN} more</summary>
              {jobIds.slice(JOB_IDS_SHOWN).map((id) => (
                <code key={id} className="job-id">
                  {id}
                </code>
              ))}
            </details>
          )}
        </div>
      )}
      {(ev.detail !== undefined || rest.length > 0 || typeof ev.requestId === 'string') && (
        <details className="evidence-more">
          <summary>more evidence</summary>
          <pre>
            {JSON.stringify(
              {
                ...(ev.detail === undefined ? {} : { detail: ev.detail }),
                ...Object.fromEntries(rest),
                ...(typeof ev.requestId === 'string' ? { requestId: ev.requestId } : {}),
                ...(typeof ev.key === 'string' ? { key: ev.key } : {}),
              },
              null,
              2,
            )}
          </pre>
        </details>
      )}
    </div>
  );
}
