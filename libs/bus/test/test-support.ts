// The bus tests need only these helpers of @anvil/testing; importing them directly keeps the bus tests free of
// @anvil/db (which @anvil/testing's index also loads).
export { createTestBus, type TestBus } from '../../testing/src/test-bus';
export { expectEventually } from '../../testing/src/expect-eventually';
