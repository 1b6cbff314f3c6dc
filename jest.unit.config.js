const shared = require('./jest.shared');

/** Unit tests: pure logic, `*.spec.ts` beside the code. No servers. */
module.exports = {
  ...shared,
  displayName: 'unit',
  testMatch: ['<rootDir>/{libs,services}/*/src/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
};
