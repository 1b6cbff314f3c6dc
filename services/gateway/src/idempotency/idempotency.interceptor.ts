import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { defer, lastValueFrom, switchMap, type Observable } from 'rxjs';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { ApiException } from '../errors/api.exception';
import type { IdempotencyFinish, IdempotencySlot, ReplayedHeaders } from './idempotency-entry';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-headers.constant';
import { IDEMPOTENCY_KEY_REFUSED } from './idempotency-key-refused.decorator';
import { idempotencyKeyOf } from './idempotency-key.util';
import { RESERVATION_TTL_SECONDS } from './idempotency-reservation.constant';
import { idempotencyScopeOf } from './idempotency-scope.util';
import { IdempotencyStoreUnavailableException } from './idempotency-store-unavailable.exception';
import { IdempotencyStore } from './idempotency.store';
import { IdempotentReplay } from './idempotent-replay';
import { replayedHeadersOf } from './replayed-headers.util';
import { ReservationRenewal } from './reservation-renewal';
import { requestFingerprint } from './request-fingerprint.util';

// Seconds a client is told to wait before asking again while the first request runs, or Redis is away.
const RETRY_IN_PROGRESS_SECONDS = 1;
const RETRY_UNAVAILABLE_SECONDS = 5;
// While Redis is away every such request is refused; one warning per interval says so.
const WARN_EVERY_MS = 10_000;

/**
 * `Idempotency-Key` on POST (global; runs after AuthGuard, so keys are per identity). The first request with a key
 * reserves it and runs; its answer (status, body, Location and Retry-After) is stored when it is a 2xx or 4xx (a
 * 5xx frees the key: a retry runs again). A request with the same key and the same fingerprint (method, path,
 * canonical body) gets the stored answer without running, with `Idempotent-Replayed: true`; with another
 * fingerprint a 422; while the first still runs a 409 with Retry-After. The reservation is renewed while the
 * request runs and lapses seconds after it stops being renewed, so the key of a request whose replica died is soon
 * free for the retry. Without Redis a request with a key is refused (503): running it could write twice. A route
 * marked `@IdempotencyKeyRefused(reason)` refuses any request carrying the header (400): its answer must never be
 * stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  // The error body the client gets (a stored 4xx must replay exactly).
  private readonly errors = new ApiExceptionFilter();
  private lastWarning = -Infinity;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<Request>();
    const keyValues = request.headersDistinct[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    const refused = this.reflector.getAllAndOverride<string | undefined>(IDEMPOTENCY_KEY_REFUSED, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (refused !== undefined && keyValues !== undefined) {
      throw ApiException.invalidField(IDEMPOTENCY_KEY_HEADER, `is not accepted here: ${refused}`);
    }
    if (request.method !== 'POST') {
      return next.handle();
    }
    const key = idempotencyKeyOf(keyValues);
    if (key === undefined) {
      return next.handle();
    }
    const response = context.switchToHttp().getResponse<Response>();
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    const slot = this.store.slot(idempotencyScopeOf(request), key);
    return defer(() => this.reserve(slot, fingerprint, response)).pipe(
      switchMap(() => this.run(slot, fingerprint, response, next)),
    );
  }

  /** Runs the request with its key reserved, then stores its answer. */
  private async run(
    slot: IdempotencySlot,
    fingerprint: string,
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    let body: unknown;
    try {
      body = await this.renewingWhile(slot, fingerprint, () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
    } catch (error) {
      const answer = this.errors.toBody(error);
      await this.finish(slot, fingerprint, answer.statusCode, answer, replayedHeadersOf(response));
      throw error;
    }
    await this.finish(slot, fingerprint, response.statusCode, body ?? null, replayedHeadersOf(response));
    return body;
  }

  /**
   * Renews the reservation until `work` ends, however it ends. A client that hangs up does not end it: the handler
   * runs on, and a retry meanwhile must still get a 409.
   */
  private async renewingWhile<T>(slot: IdempotencySlot, fingerprint: string, work: () => Promise<T>): Promise<T> {
    const renewal = new ReservationRenewal(this.store, slot, fingerprint);
    try {
      return await work();
    } finally {
      renewal.stop();
    }
  }

  /** Reserves the key, or throws what the client gets instead of running the request. */
  private async reserve(slot: IdempotencySlot, fingerprint: string, response: Response): Promise<void> {
    const found = await this.store.reserve(slot, fingerprint).catch((error: unknown) => {
      if (error instanceof IdempotencyStoreUnavailableException) {
        this.warn(`${error.message}: POSTs with an Idempotency-Key are refused (503)`);
        response.setHeader('Retry-After', String(RETRY_UNAVAILABLE_SECONDS));
        throw new ApiException(
          ApiErrorCode.Unavailable,
          'the Idempotency-Key cannot be checked now, so the request was not run; retry later',
        );
      }
      throw error;
    });
    if (found.state === 'reserved') {
      return;
    }
    if (found.fingerprint !== fingerprint) {
      throw new ApiException(
        ApiErrorCode.IdempotencyKeyReused,
        'this Idempotency-Key was used for another request; use a new key for a new request',
        [{ field: IDEMPOTENCY_KEY_HEADER, problem: 'was used with another method, path or body' }],
      );
    }
    if (found.state === 'running') {
      response.setHeader('Retry-After', String(RETRY_IN_PROGRESS_SECONDS));
      throw new ApiException(
        ApiErrorCode.IdempotencyKeyInProgress,
        'the first request with this Idempotency-Key is still running; retry shortly to get its answer',
        [{ field: IDEMPOTENCY_KEY_HEADER, problem: 'belongs to a request still running' }],
      );
    }
    throw new IdempotentReplay(found.status, found.body, found.headers ?? {});
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning >= WARN_EVERY_MS) {
      this.lastWarning = now;
      this.logger.warn(message);
    }
  }

  /** Stores a 2xx or 4xx answer for replays; frees the key after anything else. Never fails the request. */
  private async finish(
    slot: IdempotencySlot,
    fingerprint: string,
    status: number,
    body: unknown,
    headers: ReplayedHeaders,
  ): Promise<void> {
    const keep = status < 500;
    let found: IdempotencyFinish;
    try {
      found = await (keep ? this.store.complete(slot, fingerprint, status, body, headers) : this.store.release(slot));
    } catch (error) {
      // The request ran: its answer goes out. Its key stays reserved until the reservation lapses (seconds), so a
      // retry meanwhile gets a 409; one after that runs the request again.
      this.logger.error(
        `idempotency key not ${keep ? 'completed' : 'released'} after a ${status}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    if (found !== 'owned') {
      // Not renewed in time (the event loop stalled, Redis was away): a retry meanwhile may have run it too.
      this.logger.warn(
        `idempotency key reservation lapsed while its request ran (not renewed for ${RESERVATION_TTL_SECONDS} s); ` +
          (found === 'taken'
            ? `another request holds the key now, so this ${status} answer was not stored`
            : keep
              ? `nobody had taken the key, so this ${status} answer was stored`
              : `the key was free already after this ${status}`),
      );
    }
  }
}
