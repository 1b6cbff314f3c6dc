// A running request's reservation lapses this long after its last renewal, so the key of a request whose replica
// died (SIGKILL, crash) is free again within seconds and the client's retry runs. Renewed every RENEW_EVERY_MS: a
// request keeps its key through an event-loop stall (or a Redis hiccup) of up to ~4 s.
export const RESERVATION_TTL_SECONDS = 5;
export const RENEW_EVERY_MS = 1000;
// A request still running after this long stops renewing (a hung handler does not hold its key for ever).
export const MAX_RENEWED_MS = 300_000;
