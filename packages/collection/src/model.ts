/**
 * The normalised collection model every other package works on.
 *
 * It is Postman Collection v2.1 JSON, normalised by `parseCollection`:
 * - every item and folder has an `id` (its `id` or `_postman_id`, else a generated uuid) and a `name`;
 * - `request` is always an object (a string request becomes `{ method: 'GET', url }`);
 * - `url` is always a `UrlDefinition` whose `raw` is present (a string url is parsed into parts);
 * - `method` is upper-case (default GET), `header` is always an array (a string header block is parsed);
 * - auth params are always `[{ key, value, type }]` arrays (v2.0 objects are converted);
 * - `event`, `variable` are always arrays; scripts' `exec` is always `string[]`.
 * Unknown fields are kept so an export round-trips.
 */

/** A variable in any scope (collection, environment, globals, path variables, data). */
export interface VariableDefinition {
  key: string;
  value?: unknown;
  /** Postman types: `default`, `secret`, `string`, `boolean`, `number`, `any`. */
  type?: string;
  disabled?: boolean;
  /** Environment files use `enabled`; normalised into `disabled` as well. */
  enabled?: boolean;
  description?: unknown;
  /** Postern: host patterns a secret value may be sent to (`api.example.com`, `*.example.com`). */
  allowedDomains?: string[];
  [extra: string]: unknown;
}

export interface QueryParam {
  key: string | null;
  value: string | null;
  disabled?: boolean;
  description?: unknown;
}

export interface HeaderDefinition {
  key: string;
  value: string;
  disabled?: boolean;
  description?: unknown;
}

export interface UrlDefinition {
  raw: string;
  protocol?: string;
  /** Userinfo from `user:password@host` (Postman's `Url.auth`). */
  auth?: { user?: string; password?: string };
  host?: string[];
  port?: string;
  path?: string[];
  query?: QueryParam[];
  hash?: string;
  /** Path variables (`:name` segments). */
  variable?: VariableDefinition[];
}

export interface AuthParam {
  key: string;
  value?: unknown;
  type?: string;
}

/** `{ type: 'bearer', bearer: [{ key: 'token', value: '…' }] }`. */
export interface AuthDefinition {
  type: string;
  [paramsOfType: string]: AuthParam[] | string;
}

export interface FormParam {
  key: string;
  value?: string;
  /** A file path (or paths) for `type: 'file'` entries. */
  src?: string | string[] | null;
  type?: 'text' | 'file' | string;
  disabled?: boolean;
  contentType?: string;
  description?: unknown;
}

export interface UrlencodedParam {
  key: string;
  value?: string;
  disabled?: boolean;
  description?: unknown;
}

export interface BodyDefinition {
  mode?: 'raw' | 'urlencoded' | 'formdata' | 'file' | 'graphql' | string;
  raw?: string;
  urlencoded?: UrlencodedParam[];
  formdata?: FormParam[];
  file?: { src?: string | null; content?: string };
  graphql?: { query?: string; variables?: string | Record<string, unknown>; operationName?: string };
  options?: { raw?: { language?: string }; [mode: string]: unknown };
  disabled?: boolean;
}

export interface RequestDefinition {
  url: UrlDefinition;
  method: string;
  header: HeaderDefinition[];
  body?: BodyDefinition;
  auth?: AuthDefinition | null;
  description?: unknown;
  proxy?: unknown;
  certificate?: unknown;
  [extra: string]: unknown;
}

export interface ScriptDefinition {
  id?: string;
  type?: string;
  exec: string[];
  src?: unknown;
  name?: string;
}

export interface EventDefinition {
  listen: 'prerequest' | 'test' | string;
  script: ScriptDefinition;
  disabled?: boolean;
  id?: string;
}

/** Merged child-wins from collection → folders → item by the runtime. */
export type ProtocolProfileBehavior = Record<string, unknown>;

interface Node {
  id: string;
  name: string;
  description?: unknown;
  event: EventDefinition[];
  variable: VariableDefinition[];
  protocolProfileBehavior?: ProtocolProfileBehavior;
  [extra: string]: unknown;
}

export interface Item extends Node {
  request: RequestDefinition;
  response?: unknown[];
}

export interface ItemGroup extends Node {
  item: TreeNode[];
  auth?: AuthDefinition | null;
}

export type TreeNode = Item | ItemGroup;

export interface CollectionInfo {
  _postman_id?: string;
  name: string;
  schema?: string;
  description?: unknown;
  [extra: string]: unknown;
}

export interface Collection {
  info: CollectionInfo;
  item: TreeNode[];
  event: EventDefinition[];
  variable: VariableDefinition[];
  auth?: AuthDefinition | null;
  protocolProfileBehavior?: ProtocolProfileBehavior;
  [extra: string]: unknown;
}

export function isItemGroup(node: TreeNode): node is ItemGroup {
  return Array.isArray((node as ItemGroup).item);
}

/** An environment or globals file: `{ id?, name?, values: [...] }` (globals may be a bare array). */
export interface VariableList {
  id?: string;
  name?: string;
  values: VariableDefinition[];
  [extra: string]: unknown;
}
