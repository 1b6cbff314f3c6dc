/** Injection token of the `IngesterConfig`. */
export const INGESTER_CONFIG = Symbol('INGESTER_CONFIG');
