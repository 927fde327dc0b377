/**
 * What a change would expose: every secret the scanner finds in the collections and environments
 * involved (environments: default-typed values only; secret-typed values stay sealed and masked
 * whoever can read the workspace, so a visibility change does not expose them), each with the
 * finding recorded for it, if any. Unrecorded or `open` findings block the change.
 */
import type { Finding } from '@postern/secrets';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ElementType } from '../../policies/roles.ts';
import { type FindingRow, findingsOfElement, findingsOfWorkspace } from '../secret-findings/repository.ts';
import {
  findingKey,
  pathOf,
  type ScannableVariable,
  scanCollectionContent,
  scanEnvironmentValues,
} from '../secret-findings/scan.ts';

export interface ExposedElement {
  type: ElementType;
  id: string;
  name: string;
}

/** A secret the change would expose, and its recorded finding (undefined: never recorded). */
export interface Exposure {
  element: ExposedElement;
  finding: Finding;
  recorded: FindingRow | undefined;
}

/** Recorded findings by element and secret, to pair with what a scan finds. */
type RecordedIndex = Map<string, FindingRow>;

function recordedKey(type: string, id: string, fingerprint: string, jsonPath: string): string {
  return `${type}:${id}:${findingKey(fingerprint, jsonPath)}`;
}

function indexRecorded(rows: readonly FindingRow[]): RecordedIndex {
  return new Map(rows.map((r) => [recordedKey(r.element_type, r.element_id, r.fingerprint, r.json_path), r]));
}

/** Pairs each finding of `element` with its recorded row. */
function exposuresOf(
  element: ExposedElement,
  found: readonly Finding[],
  recorded: RecordedIndex,
): Exposure[] {
  return found.map((finding) => ({
    element,
    finding,
    recorded: recorded.get(recordedKey(element.type, element.id, finding.fingerprint, pathOf(finding))),
  }));
}

/** The exposures that block a change: never recorded, or recorded and still open. */
export function blockingExposures(exposures: readonly Exposure[]): Exposure[] {
  return exposures.filter((e) => e.recorded === undefined || e.recorded.status === 'open');
}

/**
 * Scans every collection and environment of a workspace (one query per table, then the scanner).
 *
 * @example const blocking = blockingExposures(await workspaceExposures(trx, ws.id));
 */
export async function workspaceExposures(db: Kysely<Database>, workspaceId: string): Promise<Exposure[]> {
  const collections = await db
    .selectFrom('collections')
    .select(['id', 'name', 'content'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const environments = await db
    .selectFrom('environments')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const variables = await db
    .selectFrom('environment_variables as v')
    .innerJoin('environments as e', 'e.id', 'v.environment_id')
    .select(['v.environment_id', 'v.key', 'v.type', 'v.value'])
    .where('e.workspace_id', '=', workspaceId)
    .orderBy('v.environment_id')
    .orderBy('v.position')
    .execute();
  const recorded = indexRecorded(await findingsOfWorkspace(db, workspaceId));
  const byEnvironment = new Map<string, ScannableVariable[]>();
  for (const v of variables) {
    const list = byEnvironment.get(v.environment_id) ?? [];
    list.push(v);
    byEnvironment.set(v.environment_id, list);
  }
  const exposures: Exposure[] = [];
  for (const c of collections) {
    const element = { type: 'collection' as const, id: c.id, name: c.name };
    exposures.push(...exposuresOf(element, scanCollectionContent(c.content), recorded));
  }
  for (const e of environments) {
    const element = { type: 'environment' as const, id: e.id, name: e.name };
    const found = scanEnvironmentValues(e.name, byEnvironment.get(e.id) ?? []);
    exposures.push(...exposuresOf(element, found, recorded));
  }
  return exposures;
}

/**
 * The exposures of one collection whose content was already scanned (`found`).
 *
 * @example await collectionExposures(trx, { type: 'collection', id, name }, scanCollectionContent(content));
 */
export async function collectionExposures(
  db: Kysely<Database>,
  element: ExposedElement,
  found: readonly Finding[],
): Promise<Exposure[]> {
  return exposuresOf(element, found, indexRecorded(await findingsOfElement(db, element.type, element.id)));
}

/** The public form of an exposure (409 details): where and which rule, never the secret. */
export function presentExposure(e: Exposure) {
  return {
    elementType: e.element.type,
    elementId: e.element.id,
    elementName: e.element.name,
    ruleId: e.finding.ruleId,
    jsonPath: pathOf(e.finding),
    line: e.finding.line,
    column: e.finding.column,
    redacted: e.finding.redacted,
  };
}
