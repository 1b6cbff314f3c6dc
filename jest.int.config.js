const shared = require('./jest.shared');

/**
 * Integration tests: `*.int-spec.ts`, against the real PostgreSQL, NATS and Redis on loopback.
 * Each file gets its own database schema and bus namespace (see @anvil/testing), so files may run in parallel.
 */
module.exports = {
  ...shared,
  displayName: 'int',
  testMatch: ['<rootDir>/{libs,services}/*/test/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 120000,
  maxWorkers: 2,
};
