const path = require('node:path');
const preset = require('../../jest.preset.cjs');

// The preset maps @novacron/* to packages/*/src; the examples' shared code lives under examples/.
module.exports = {
  ...preset,
  moduleNameMapper: { '^@novacron/example-shared$': path.join(__dirname, '../shared/src/index.ts'), ...preset.moduleNameMapper },
};
