import { useRef, useState } from 'react';
import { apiSend, newIdempotencyKey } from '../../api/api-client';
import { toApiError, type ApiError } from '../../api/api-error';
import type { TestCancelAccepted } from '../../api/tests.types';
import { ErrorBox } from '../../components/error-box';

/**
 * Cancel for operators: the button opens an inline confirmation (with an optional reason) before
 * `POST /api/v1/tests/:id/cancel`. One Idempotency-Key per confirmation, so a retried click is one request.
 */
export function CancelTest({ testId, onDone }: { testId: string; onDone(): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const [sent, setSent] = useState(false);
  const key = useRef<string>('');
  const reasonRef = useRef<HTMLInputElement>(null);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    if (!key.current) {
      key.current = newIdempotencyKey();
    }
    const qs = reason.trim() ? `?reason=${encodeURIComponent(reason.trim())}` : '';
    try {
      await apiSend<TestCancelAccepted>('POST', `/tests/${testId}/cancel${qs}`, undefined, {
        idempotencyKey: key.current,
      });
      setSent(true);
      setOpen(false);
      onDone();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <span className="notice small" role="status" data-testid="cancel-requested">
        Cancel requested; the scheduler stops the test within moments.
      </span>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-danger"
        data-testid="cancel-test"
        onClick={() => {
          setOpen(true);
          key.current = '';
          setTimeout(() => reasonRef.current?.focus(), 0);
        }}
      >
        Cancel test…
      </button>
    );
  }
  return (
    <div className="confirm" role="dialog" aria-labelledby="cancel-title" data-testid="cancel-confirm-box">
      <strong id="cancel-title">Cancel this test?</strong>
      <span className="muted small">Its jobs in flight are cancelled by its submitter. This cannot be undone.</span>
      <div className="confirm-row">
        <input
          ref={reasonRef}
          data-testid="cancel-reason"
          aria-label="Reason (optional)"
          placeholder="Reason (optional)"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
            }
          }}
        />
        <button
          type="button"
          className="btn btn-danger btn-solid"
          data-testid="cancel-confirm"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy ? 'Cancelling…' : 'Cancel the test'}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)} disabled={busy}>
          Keep it
        </button>
      </div>
      {error && <ErrorBox error={error} title="The cancel was refused" />}
    </div>
  );
}
