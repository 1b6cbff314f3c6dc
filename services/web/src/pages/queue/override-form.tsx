import { useState, type FormEvent } from 'react';
import { apiSend } from '../../api/api-client';
import { toApiError, type ApiError, type ApiErrorDetail } from '../../api/api-error';
import { ErrorBox, Time } from '../../components';
import type { Decision } from '../decisions/decision.types';
import { FieldErrors } from '../templates/field-errors';
import { placeProblems } from '../templates/field-problems.util';
import type { Queue } from './queue.types';
import { expiryToIso } from './override-expiry.util';
import { useOverridePending, type PendingOverride } from './use-override-pending';

type Mode = PendingOverride['mode'];

const CONTROLS = ['mode', 'reason', 'expiresAt'] as const;

/** `PUT /api/v1/queues/:id/override`'s 202 answer. */
interface OverrideAccepted {
  requestId: string;
  queueId: string;
  mode: Mode;
  reason: string | null;
  expiresAt: string | null;
}

/**
 * The operator's override of a queue (exclude / keep online / hand back to the policy), with a reason and an
 * optional expiry. The API's field problems show under the fields; once accepted, the form shows "pending" until
 * the decider has applied it, then `onApplied` refreshes the page.
 */
export function OverrideForm({ queue, onApplied }: { queue: Queue; onApplied(decision: Decision): void }) {
  const [mode, setMode] = useState<Mode>(queue.status === 'excluded' ? 'online' : 'exclude');
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [pending, setPending] = useState<PendingOverride | undefined>();
  const [applied, setApplied] = useState<Decision | undefined>();

  const { slow } = useOverridePending(pending, (decision) => {
    setPending(undefined);
    setApplied(decision);
    setReason('');
    setExpiry('');
    onApplied(decision);
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(undefined);
    setApplied(undefined);
    const body: { mode: Mode; reason?: string; expiresAt?: string } = { mode };
    if (reason !== '') {
      body.reason = reason;
    }
    if (expiry !== '' && mode !== 'clear') {
      body.expiresAt = expiryToIso(expiry);
    }
    try {
      const accepted = await apiSend<OverrideAccepted>('PUT', `/queues/${encodeURIComponent(queue.id)}/override`, body);
      setPending({ requestId: accepted.requestId, queueId: queue.id, mode: accepted.mode, sentAt: Date.now() });
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setSending(false);
    }
  };

  const { byControl, unplaced } = placeProblems(error?.details ?? [], CONTROLS);
  const problems = (control: string): ApiErrorDetail[] => byControl.get(control) ?? [];
  // An error about a field is shown under it; the box says what failed (and anything about no field).
  const boxError = error && (unplaced.length > 0 || error.details.length === 0 ? error : undefined);

  return (
    <form className="override-form panel" data-testid="override-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>Manual override</h2>
      <p className="muted form-hint">
        Exclude the queue until cleared, keep it online whatever the policy detects, or hand it back to the policy. The
        decider applies it within moments.
      </p>
      <div className="override-fields">
        <div className="field">
          <label htmlFor="override-mode">action</label>
          <select
            id="override-mode"
            data-testid="override-mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
            aria-invalid={problems('mode').length > 0}
          >
            <option value="exclude">exclude</option>
            <option value="online">keep online</option>
            <option value="clear">clear (back to the policy)</option>
          </select>
          <FieldErrors problems={problems('mode')} control="mode" />
        </div>
        <div className="field field-grow">
          <label htmlFor="override-reason">reason{mode === 'clear' ? ' (optional)' : ''}</label>
          <input
            id="override-reason"
            data-testid="override-reason"
            value={reason}
            maxLength={500}
            placeholder="e.g. SE down, GGUS #12345"
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={problems('reason').length > 0}
          />
          <FieldErrors problems={problems('reason')} control="reason" />
        </div>
        <div className="field">
          <label htmlFor="override-expiry">expires (UTC, optional)</label>
          <input
            id="override-expiry"
            data-testid="override-expiry"
            type="datetime-local"
            value={mode === 'clear' ? '' : expiry}
            disabled={mode === 'clear'}
            title={mode === 'clear' ? 'a clear has no expiry' : 'when it passes, the override is cleared'}
            onChange={(e) => setExpiry(e.target.value)}
            aria-invalid={problems('expiresAt').length > 0}
          />
          <FieldErrors problems={problems('expiresAt')} control="expiresAt" />
        </div>
        <div className="field field-submit">
          <button
            type="submit"
            className={`btn ${mode === 'exclude' ? 'btn-danger btn-solid' : 'btn-primary'}`}
            data-testid="override-submit"
            disabled={sending || pending !== undefined}
          >
            {sending
              ? 'Sending…'
              : mode === 'exclude'
                ? 'Exclude'
                : mode === 'online'
                  ? 'Keep online'
                  : 'Clear override'}
          </button>
        </div>
      </div>
      {boxError && <ErrorBox error={boxError} title="The override was refused" />}
      {pending && (
        <div className="notice override-pending" data-testid="override-pending" role="status">
          <span className="spinner" aria-hidden="true" />
          <span>
            Pending: <b>{pending.mode}</b> sent, waiting for the decider to apply it…
            {slow && (
              <span className="stale">
                {' '}
                Not applied after {Math.round((Date.now() - pending.sentAt) / 1000)} s: is the decider running? Still
                waiting.
              </span>
            )}
          </span>
        </div>
      )}
      {applied && !pending && (
        <div className="notice override-applied" data-testid="override-applied" role="status">
          Applied at <Time value={applied.decidedAt} withSeconds />:{' '}
          {typeof applied.evidence?.mode === 'string' ? applied.evidence.mode : 'override'}
          {typeof applied.evidence?.status === 'string' ? `, the queue is now ${applied.evidence.status}` : ''}.
        </div>
      )}
    </form>
  );
}
