/** Turns validated collection JSON (`schema.ts`) into the normalised model (`model.ts`). */
import { COLLECTION_SCHEMA_V21 } from './export.ts';
import type { BodyDefinition, Collection, RequestDefinition, TreeNode } from './model.ts';
import {
  copyFields,
  generateId,
  isPlainObject,
  normaliseAuth,
  normaliseEvents,
  normaliseHeaders,
  normaliseUrl,
  normaliseVariables,
  text,
  withDisabledFlag,
} from './normalise-parts.ts';
import type { CollectionInput, EventInput, ItemInput, RequestInput, VariableInput } from './schema.ts';
import { parseUrl } from './url.ts';

type Path = PropertyKey[];

const COLLECTION_PARTS: ReadonlySet<string> = new Set(['info', 'item', 'event', 'variable', 'auth']);
const NODE_PARTS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'event',
  'variable',
  'auth',
  'item',
  'request',
]);
const NODE_NULLABLE: ReadonlySet<string> = new Set(['protocolProfileBehavior', 'description', 'response']);
const REQUEST_PARTS: ReadonlySet<string> = new Set(['url', 'method', 'header', 'body', 'auth']);
const REQUEST_NULLABLE: ReadonlySet<string> = new Set(['description', 'proxy', 'certificate']);
const BODY_PARTS: ReadonlySet<string> = new Set(['raw', 'urlencoded', 'formdata']);
const BODY_NULLABLE: ReadonlySet<string> = new Set(['mode', 'file', 'graphql', 'options', 'disabled']);
const PROTOCOL_PROFILE: ReadonlySet<string> = new Set(['protocolProfileBehavior']);
const SCHEMA: ReadonlySet<string> = new Set(['schema']);

export function normaliseCollection(input: CollectionInput): Collection {
  const info = copyFields(input.info, SCHEMA);
  info.name = text(input.info.name);
  if (!info._postman_id) info._postman_id = generateId();
  // The model is v2.1 whatever the input was (v1 and v2.0 are converted).
  info.schema = COLLECTION_SCHEMA_V21;

  const out = copyFields(input, COLLECTION_PARTS, PROTOCOL_PROFILE);
  out.info = info;
  out.item = normaliseItems(input.item, ['item']);
  out.event = normaliseEvents(input.event);
  out.variable = normaliseVariables(input.variable, ['variable']);
  if (input.auth !== undefined) out.auth = normaliseAuth(input.auth, ['auth']);
  return out as unknown as Collection;
}

function normaliseItems(items: ItemInput[] | null | undefined, path: Path): TreeNode[] {
  if (!items) return [];
  return items.map((item, index) => normaliseNode(item, [...path, index]));
}

function normaliseNode(input: ItemInput, path: Path): TreeNode {
  const out: Record<string, unknown> = {
    id: text(input.id ?? input._postman_id) || generateId(),
    name: text(input.name),
  };
  Object.assign(out, copyFields(input, NODE_PARTS, NODE_NULLABLE));
  out.event = normaliseEvents(input.event as EventInput | EventInput[] | null | undefined);
  out.variable = normaliseVariables(input.variable as VariableInput | VariableInput[] | null | undefined, [
    ...path,
    'variable',
  ]);
  if ('auth' in input)
    out.auth = normaliseAuth(input.auth as Record<string, unknown> | null, [...path, 'auth']);
  if (Array.isArray(input.item)) out.item = normaliseItems(input.item, [...path, 'item']);
  else
    out.request = normaliseRequest(input.request as string | RequestInput | null | undefined, [
      ...path,
      'request',
    ]);
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
  const out: Record<string, unknown> = {
    url: normaliseUrl(input.url, [...path, 'url']),
    method: input.method ? input.method.toUpperCase() : 'GET',
    header: normaliseHeaders(input.header),
  };
  Object.assign(out, copyFields(input, REQUEST_PARTS, REQUEST_NULLABLE));
  if (input.body !== null && input.body !== undefined) out.body = normaliseBody(input.body);
  if (input.auth !== undefined) out.auth = normaliseAuth(input.auth, [...path, 'auth']);
  return out as unknown as RequestDefinition;
}

/** Raw bodies are text (non-string raw values become JSON); `enabled: false` entries become disabled. */
function normaliseBody(input: NonNullable<RequestInput['body']>): BodyDefinition {
  const out = copyFields(input, BODY_PARTS, BODY_NULLABLE);
  const raw = input.raw;
  if (typeof raw === 'string') out.raw = raw;
  else if (raw !== undefined && raw !== null)
    out.raw = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  for (const mode of ['urlencoded', 'formdata'] as const) {
    const list: unknown = input[mode];
    if (Array.isArray(list))
      out[mode] = list.map((entry) => (isPlainObject(entry) ? withDisabledFlag(entry) : entry));
  }
  return out as BodyDefinition;
}
