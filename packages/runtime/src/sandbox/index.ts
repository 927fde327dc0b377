/**
 * The script sandbox: `createSandbox` and the contract types (see types.ts).
 * @example const session = await (await createSandbox()).createSession();
 */
export {
  createSandbox,
  DEFAULT_MEMORY_LIMIT_MB,
  DEFAULT_SCRIPT_TIMEOUT_MS,
  sandboxesTornDown,
  startSandbox,
} from './isolate.ts';
export type * from './types.ts';
