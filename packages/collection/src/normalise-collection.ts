/** Turns validated collection JSON (`schema.ts`) into the normalised model (`model.ts`). */
import { COLLECTION_SCHEMA_V21 } from './export.ts';
import type { BodyDefinition, Collection, RequestDefinition, TreeNode } from './model.ts';
import {
  generateId,
  isPlainObject,
  normaliseAuth,
  normaliseEvents,
  normaliseHeaders,
  normaliseUrl,
  normaliseVariables,
  text,
} from './normalise-parts.ts';
import type { CollectionInput, EventInput, ItemInput, RequestInput, VariableInput } from './schema.ts';
import { parseUrl } from './url.ts';

type Path = PropertyKey[];

export function normaliseCollection(input: CollectionInput): Collection {
  const info = { ...input.info } as Collection['info'];
  info.name = text(input.info.name);
  if (!info._postman_id) info._postman_id = generateId();
  // The model is v2.1 whatever the input was (v1 and v2.0 are converted).
  info.schema = COLLECTION_SCHEMA_V21;

  const out = { ...input } as unknown as Collection;
  out.info = info;
  out.item = normaliseItems(input.item, ['item']);
  out.event = normaliseEvents(input.event);
  out.variable = normaliseVariables(input.variable, ['variable']);
  if (input.auth !== undefined) out.auth = normaliseAuth(input.auth, ['auth']);
  if (input.protocolProfileBehavior === null) delete out.protocolProfileBehavior;
  return out;
}

function normaliseItems(items: ItemInput[] | null | undefined, path: Path): TreeNode[] {
  if (!items) return [];
  return items.map((item, index) => normaliseNode(item, [...path, index]));
}

function normaliseNode(input: ItemInput, path: Path): TreeNode {
  const out: Record<string, unknown> = { ...input };
  out.id = text(input.id ?? input._postman_id) || generateId();
  out.name = text(input.name);
  out.event = normaliseEvents(input.event as EventInput | EventInput[] | null | undefined);
  out.variable = normaliseVariables(input.variable as VariableInput | VariableInput[] | null | undefined, [
    ...path,
    'variable',
  ]);
  for (const field of ['protocolProfileBehavior', 'description', 'response'] as const) {
    if (out[field] === null) delete out[field];
  }
  if ('auth' in input)
    out.auth = normaliseAuth(input.auth as Record<string, unknown> | null, [...path, 'auth']);

  if (Array.isArray(input.item)) {
    out.item = normaliseItems(input.item, [...path, 'item']);
    delete out.request;
  } else {
    delete out.item;
    out.request = normaliseRequest(input.request as string | RequestInput | null | undefined, [
      ...path,
      'request',
    ]);
  }
  return out as unknown as TreeNode;
}

/**
 * A request is always an object with an upper-case method (default GET), a URL object and a
 * header array; a string request is a GET to that URL.
 *
 * @example normaliseRequest('https://a.test/x', ['item', 0, 'request']).method // 'GET'
 */
export function normaliseRequest(
  input: string | RequestInput | null | undefined,
  path: Path,
): RequestDefinition {
  if (typeof input === 'string') return { url: parseUrl(input), method: 'GET', header: [] };
  if (!input) return { url: { raw: '' }, method: 'GET', header: [] };
  const out = { ...input } as RequestDefinition;
  out.url = normaliseUrl(input.url, [...path, 'url']);
  out.method = input.method ? input.method.toUpperCase() : 'GET';
  out.header = normaliseHeaders(input.header);
  if (input.body === null || input.body === undefined) delete out.body;
  else out.body = normaliseBody(input.body);
  if (input.auth !== undefined) out.auth = normaliseAuth(input.auth, [...path, 'auth']);
  for (const field of ['description', 'proxy', 'certificate'] as const)
    if (out[field] === null) delete out[field];
  return out;
}

/** Raw bodies are text (non-string raw values become JSON); `enabled: false` entries become disabled. */
function normaliseBody(input: NonNullable<RequestInput['body']>): BodyDefinition {
  const out = { ...input } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) if (value === null) delete out[key];
  if (out.raw !== undefined && typeof out.raw !== 'string') {
    out.raw = typeof out.raw === 'object' ? JSON.stringify(out.raw) : String(out.raw);
  }
  for (const mode of ['urlencoded', 'formdata'] as const) {
    const list = out[mode];
    if (Array.isArray(list)) out[mode] = list.map(withEnabledAsDisabled);
  }
  return out as BodyDefinition;
}

function withEnabledAsDisabled(entry: unknown): unknown {
  if (!isPlainObject(entry) || (entry.disabled !== undefined && entry.disabled !== null)) return entry;
  const out = { ...entry };
  delete out.disabled;
  if (out.enabled === false) out.disabled = true;
  return out;
}
