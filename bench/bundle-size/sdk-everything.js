// Everything the meta-package's root entry exports.
export * from '@novacron/sdk';
