/**
 * `--export-environment`, `--export-globals`, `--export-collection`: the final state of each scope,
 * written in the files Postman and Newman read back. Secret values never leave in an export: every
 * occurrence (in a secret variable, or copied into another one by a script) becomes `[secret:<name>]`.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Collection, toCollectionJson } from '@postern/collection';
import type { RunSummary } from '@postern/runtime';
import { uuidV4 } from '@postern/runtime/random';
import { CliError } from '../errors.ts';
import { VERSION } from '../version.ts';

type SummaryVariable = RunSummary['collectionVariables'][number];
type SummaryScope = NonNullable<RunSummary['environment']>;

export interface ExportedVariable {
  key: string;
  value: unknown;
  type: string;
  enabled: boolean;
}

/** Postman's environment / globals export shape. */
export interface ExportedScope {
  id: string;
  name: string;
  values: ExportedVariable[];
  _postman_variable_scope: 'environment' | 'globals';
  _postman_exported_at: string;
  _postman_exported_using: string;
}

export interface ExportRequest {
  exportEnvironment?: string;
  exportGlobals?: string;
  exportCollection?: string;
}

function exportedVariable(variable: SummaryVariable): ExportedVariable {
  // The runner's summary says `enabled: false`; a definition read from a file says `disabled: true`.
  const flags = variable as { disabled?: unknown; enabled?: unknown };
  const disabled = flags.disabled === true || flags.enabled === false;
  return { key: variable.key, value: variable.value, type: variable.type ?? 'default', enabled: !disabled };
}

/**
 * The export document of an environment or globals scope. A run without `-e` still exports an
 * (empty or script-filled) environment, as Newman does.
 *
 * @example
 * scopeExport('environment', { id: 'e1', name: 'dev', values: [{ key: 'a', value: '1' }] }, new Date());
 * // { id: 'e1', name: 'dev', values: [{ key: 'a', value: '1', type: 'default', enabled: true }],
 * //   _postman_variable_scope: 'environment', _postman_exported_at: '…', _postman_exported_using: 'Postern/…' }
 */
export function scopeExport(
  scope: 'environment' | 'globals',
  final: SummaryScope | undefined,
  exportedAt: Date,
): ExportedScope {
  return {
    id: final?.id ?? uuidV4(),
    name: final?.name ?? scope,
    values: (final?.values ?? []).map(exportedVariable),
    _postman_variable_scope: scope,
    _postman_exported_at: exportedAt.toISOString(),
    _postman_exported_using: `Postern/${VERSION}`,
  };
}

/**
 * The collection as run, with its variables as they were at the end of the run.
 *
 * @example
 * collectionExport(collection, summary.collectionVariables, new Date());
 */
export function collectionExport(
  collection: Collection,
  variables: readonly SummaryVariable[],
  exportedAt: Date,
): Record<string, unknown> {
  const document = toCollectionJson(collection) as Record<string, unknown>;
  return {
    ...document,
    variable: variables.map((v) => ({ key: v.key, value: v.value, type: v.type ?? 'default' })),
    _postman_variable_scope: 'collection',
    _postman_exported_at: exportedAt.toISOString(),
    _postman_exported_using: `Postern/${VERSION}`,
  };
}

/**
 * Writes every requested export. Relative paths are resolved against `cwd`; missing folders are
 * created; a path that is an existing folder gets a timestamped file inside (as in Newman).
 *
 * @example
 * await writeExports({ exportEnvironment: 'out/env.json' }, summary, collection, process.cwd());
 */
export async function writeExports(
  request: ExportRequest,
  summary: RunSummary,
  collection: Collection,
  cwd: string,
  redact: (text: string) => string = (text) => text,
): Promise<void> {
  const now = new Date();
  const jobs: Array<[string, string, () => unknown]> = [];
  if (request.exportEnvironment) {
    jobs.push([
      'environment',
      request.exportEnvironment,
      () => scopeExport('environment', summary.environment, now),
    ]);
  }
  if (request.exportGlobals) {
    jobs.push(['globals', request.exportGlobals, () => scopeExport('globals', summary.globals, now)]);
  }
  if (request.exportCollection) {
    jobs.push([
      'collection',
      request.exportCollection,
      () => collectionExport(collection, summary.collectionVariables, now),
    ]);
  }
  for (const [what, path, build] of jobs) {
    await writeJsonExport(what, resolve(cwd, path), redact(JSON.stringify(build(), null, 2)), now);
  }
}

async function writeJsonExport(what: string, path: string, json: string, now: Date): Promise<void> {
  let target = path;
  try {
    if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      target = join(path, `postern-${what}-${now.toISOString().replace(/\D+/g, '-')}0.json`);
    } else {
      await mkdir(dirname(path), { recursive: true });
    }
    await writeFile(target, json);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new CliError('EXPORT_FAILED', { what, location: target, reason });
  }
}
