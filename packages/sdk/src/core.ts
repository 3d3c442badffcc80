export * from '@novacron/core';
