#!/usr/bin/env node
// Entry of `npx anvil-policy`: runs the built CLI (`npm run build` first; `npm run up` and `npm test` build it).
'use strict';
try {
  require.resolve('../dist/cli/anvil-policy.js');
} catch {
  process.stderr.write('anvil-policy: libs/policy is not built; run `npm run build` first\n');
  process.exit(2);
}
require('../dist/cli/anvil-policy.js');
