/** Turns one received line into its OpenSearch document (e.g. `haproxyAccessDocument`); `receivedAt`: batch time. */
export type LineParser = (line: string, receivedAt: Date) => Record<string, unknown>;
