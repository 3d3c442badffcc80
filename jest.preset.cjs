// Shared jest settings: tests run against the TypeScript sources (no build needed),
// with @novacron/* resolved to each package's src so a change is tested at once.
const path = require('node:path');

const packagesDir = path.join(__dirname, 'packages');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^@novacron/sdk/cache/redis$': path.join(packagesDir, 'sdk/src/cache-redis.ts'),
    '^@novacron/([a-z-]+)/([a-z-]+)$': path.join(packagesDir, '$1/src/$2.ts'),
    '^@novacron/([a-z-]+)$': path.join(packagesDir, '$1/src/index.ts'),
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
};
