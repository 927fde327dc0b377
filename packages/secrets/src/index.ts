export * from './runtime.ts';
export * from './scan/index.ts';
