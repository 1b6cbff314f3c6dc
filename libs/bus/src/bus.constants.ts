/** Injection token of the `BusConnection` provided by `BusModule`. */
export const BUS_CONNECTION = Symbol('BUS_CONNECTION');

/** Header names set by the publisher and the dead-letter path (ARCHITECTURE.md section 3). */
export const BUS_HEADERS = {
  msgId: 'Nats-Msg-Id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  contentType: 'content-type',
  message: 'Anvil-Message',
  dlqReason: 'Anvil-Dlq-Reason',
  dlqSubject: 'Anvil-Dlq-Subject',
  dlqStream: 'Anvil-Dlq-Stream',
  dlqConsumer: 'Anvil-Dlq-Consumer',
  dlqDeliveries: 'Anvil-Dlq-Deliveries',
  dlqOriginalMsgId: 'Anvil-Dlq-Original-Msg-Id',
} as const;

export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';

/** Consumer defaults; each can be overridden per handler. */
export const CONSUMER_DEFAULTS = {
  maxDeliver: 5,
  backoffMs: [1_000, 5_000, 15_000, 30_000] as readonly number[],
  ackWaitMs: 30_000,
  concurrency: 1,
  batchSize: 100,
  /** How long a batch waits for more messages once its first message is there. */
  batchLingerMs: 50,
  /** Lifetime of one pull request; `stop()` waits for the open one to end (nats.js minimum is 1 s). */
  pullExpiresMs: 2_000,
  drainTimeoutMs: 25_000,
} as const;

export const TRACER_NAME = '@anvil/bus';
