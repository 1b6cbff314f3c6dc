import { Link } from 'react-router-dom';
import type { TestDetail } from '../../api/tests.types';
import { formatCount, formatPercent } from '../../components/counter';
import { TestStateBadge } from '../../components/test-state-badge';
import { formatDuration, Time } from '../../components/time';

const COUNTERS = ['submitted', 'running', 'completed', 'failed', 'cancelled', 'lost', 'total'] as const;

export function TestHeader({ test, actions }: { test: TestDetail; actions?: React.ReactNode }) {
  const started = test.startedAt ? Date.parse(test.startedAt) : null;
  const finished = test.finishedAt ? Date.parse(test.finishedAt) : null;
  const ran = started !== null ? ((finished ?? Date.now()) - started) / 1000 : null;
  return (
    <header className="panel test-header" data-testid="test-header" data-state={test.state} data-test-id={test.id}>
      <div className="test-title">
        <h1>
          Test <span className="mono">{test.id}</span>
        </h1>
        <TestStateBadge state={test.state} />
        <span className="spacer" />
        {actions}
      </div>
      <dl className="facts">
        <div>
          <dt>Template</dt>
          <dd>
            <Link to={`/templates/${test.template.id}`}>{test.template.name}</Link>{' '}
            <span className="muted">v{test.template.version}</span>{' '}
            <span className={`kind kind-${test.kind}`}>{test.kind}</span>
            {test.robot && <span className="muted"> · robot</span>}
          </dd>
        </div>
        <div>
          <dt>Submitter</dt>
          <dd>{test.submitterId ?? <span className="muted">not assigned</span>}</dd>
        </div>
        <div>
          <dt>Window</dt>
          <dd>
            <Time value={test.startAt} /> → <Time value={test.endAt} />
          </dd>
        </div>
        <div>
          <dt>Ran</dt>
          <dd>
            {started === null ? (
              <span className="muted">not started</span>
            ) : (
              <>
                {formatDuration(ran)}{' '}
                {finished !== null && (
                  <span className="muted">
                    (finished <Time value={test.finishedAt} />)
                  </span>
                )}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Queues</dt>
          <dd>{test.queueCount}</dd>
        </div>
      </dl>
      <dl className="totals" aria-label="Jobs over all queues">
        {COUNTERS.map((c) => (
          <div key={c} className={`total total-${c}`}>
            <dt>{c}</dt>
            <dd data-testid={`test-counter-${c}`}>{formatCount(test.totals[c])}</dd>
          </div>
        ))}
        <div className="total total-fail">
          <dt>fail %</dt>
          <dd data-testid="test-counter-fail-percent">{formatPercent(test.totals.failPercent)}</dd>
        </div>
      </dl>
    </header>
  );
}
