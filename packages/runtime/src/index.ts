import './optional-deps.ts';

export * from './events.ts';
export { extend } from './extend.ts';
export {
  createSsrfGuard,
  parseSsrfAllowList,
  refusalReason,
  SsrfAllowListError,
  type SsrfGuardOptions,
  SsrfRefusedError,
} from './http/ssrf-guard.ts';
export { AllowedDomainsError } from './run/egress.ts';
export { FolderNotFoundError } from './run/items.ts';
export type { RunOptions } from './run/options.ts';
export { run } from './run/run.ts';
