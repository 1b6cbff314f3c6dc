import { Link } from 'react-router-dom';
import { formatDuration } from '../../components';
import type { TemplateContent } from './template.types';
import '../decisions/decisions.css';

/** One version's content, laid out as an operator reads it; the workload as the JSON it is. */
export function TemplateContentView({ content }: { content: TemplateContent }) {
  const { queueSelector: sel, submissionProfile: sp } = content;
  const labels = Object.entries(sel.labels ?? {});
  return (
    <div className="template-content" data-testid="template-content">
      <dl className="kv-facts">
        <dt>kind</dt>
        <dd>{content.kind}</dd>
        <dt>description</dt>
        <dd className="prewrap">{content.description || <span className="muted">none</span>}</dd>
        <dt>golden</dt>
        <dd>{content.golden ? 'yes: its results count for exclusion' : 'no'}</dd>
        <dt>robot</dt>
        <dd>{content.robot ? 'yes: a test of it is always running' : 'no'}</dd>
        <dt>lifetime</dt>
        <dd>
          {formatDuration(content.lifetimeSeconds)} <span className="muted">({content.lifetimeSeconds} s)</span>
        </dd>
        <dt>policy</dt>
        <dd>{content.policy ?? <span className="muted">none</span>}</dd>
        <dt>queues</dt>
        <dd>
          {sel.queueIds && sel.queueIds.length > 0 && (
            <div className="chips">
              {sel.queueIds.map((id) => (
                <Link key={id} className="queue-chip" to={`/queues/${encodeURIComponent(id)}`}>
                  {id}
                </Link>
              ))}
            </div>
          )}
          {labels.length > 0 && (
            <div>
              {sel.queueIds?.length ? 'and every queue with ' : 'every queue with '}
              {labels.map(([k, v]) => (
                <code key={k} className="label-code">
                  {k}={v}
                </code>
              ))}
              {sel.backend ? ` on ${sel.backend}` : ''}
            </div>
          )}
          {labels.length === 0 && sel.backend && <div>every queue on {sel.backend}</div>}
        </dd>
        <dt>submission</dt>
        <dd>
          {sp.minQueueDepth} waiting, at most {sp.maxRunning} in flight per queue
          {sp.totalJobs !== undefined && `, ${sp.totalJobs} jobs per queue in all`}
          {sp.resubmit === false && ', no resubmission'}
          {sp.steps && sp.steps.length > 0 && (
            <div>
              steps ({sp.ramp ?? 'step'}):{' '}
              {sp.steps.map((s) => `${formatDuration(s.afterSeconds)} → ${s.maxRunning}`).join(', ')}
            </div>
          )}
        </dd>
        <dt>workload</dt>
        <dd>
          <pre className="json">{JSON.stringify(content.workload, null, 2)}</pre>
        </dd>
      </dl>
    </div>
  );
}
