/**
 * Builds Postman collections (v2.1) and environments around planted values: each entry goes to
 * its place (a header, an auth block, the URL query, a body, a script, a variable, a description),
 * among ordinary requests with ordinary scripts.
 */
import type { Place } from './kinds.ts';
import { ALPHABETS, type Random } from './random.ts';

/** A value to write somewhere, under a name. */
export interface Entry {
  name: string;
  value: string;
  place: Place;
  expression?: boolean;
  /** In an environment: typed `secret` (Postman masks it). */
  secretType?: boolean;
}

interface KeyValue {
  key: string;
  value: string;
  type?: string;
  disabled?: boolean;
}

interface Request {
  method: string;
  header: KeyValue[];
  url: { raw: string; protocol: string; host: string[]; path: string[]; query?: KeyValue[] };
  body?: Record<string, unknown>;
  auth?: Record<string, unknown>;
  description?: string;
}

interface Item {
  name: string;
  request: Request;
  event: Array<{ listen: string; script: { type: string; exec: string[] } }>;
  response: unknown[];
}

const RESOURCES = [
  'users',
  'orders',
  'invoices',
  'payments',
  'webhooks',
  'reports',
  'projects',
  'tickets',
  'shipments',
];
const HOSTS = ['api.acme.dev', 'billing.acme.dev', 'staging-api.example.org', 'partner.shopwise.io'];

/** Writes a name as a JavaScript identifier (`X-API-Key` → `xApiKey`). */
export function jsName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return /^[A-Za-z_]/.test(camel) ? camel : `v${camel}`;
}

function makeItem(r: Random): Item {
  const resource = r.pick(RESOURCES);
  const host = r.pick(HOSTS);
  const path = [`v${r.between(1, 3)}`, resource, ...(r.chance(0.5) ? [String(r.between(100, 99999))] : [])];
  const method = r.pick(['GET', 'GET', 'POST', 'PUT', 'DELETE']);
  return {
    name: `${method === 'GET' ? 'Get' : method === 'POST' ? 'Create' : method === 'PUT' ? 'Update' : 'Delete'} ${resource}`,
    request: {
      method,
      header: [{ key: 'Accept', value: 'application/json' }],
      url: { raw: `https://${host}/${path.join('/')}`, protocol: 'https', host: host.split('.'), path },
    },
    event: [
      {
        listen: 'test',
        script: {
          type: 'text/javascript',
          exec: [
            `pm.test("Status code is ${method === 'POST' ? 201 : 200}", function () {`,
            `    pm.response.to.have.status(${method === 'POST' ? 201 : 200});`,
            '});',
            'const jsonData = pm.response.json();',
            `pm.expect(jsonData.items || jsonData).to.not.be.empty;`,
          ],
        },
      },
    ],
    response: [],
  };
}

function script(item: Item, listen: string): string[] {
  let event = item.event.find((e) => e.listen === listen);
  if (!event) {
    event = { listen, script: { type: 'text/javascript', exec: [] } };
    item.event.unshift(event);
  }
  return event.script.exec;
}

function scriptLine(r: Random, entry: Entry): string {
  if (entry.expression)
    return r.pick([
      `const ${jsName(entry.name)} = ${entry.value};`,
      `pm.environment.set('${entry.name}', ${entry.value});`,
    ]);
  return r.pick([
    `pm.environment.set("${entry.name}", "${entry.value}");`,
    `pm.collectionVariables.set('${entry.name}', '${entry.value}');`,
    `const ${jsName(entry.name)} = "${entry.value}";`,
    `pm.request.headers.add({ key: '${entry.name}', value: '${entry.value}' });`,
  ]);
}

function authBlock(type: string, pairs: KeyValue[]): Record<string, unknown> {
  return { type, [type]: pairs.map((p) => ({ ...p, type: 'string' })) };
}

/** Puts an entry into a request; false when the request has no room (auth or body already set). */
function apply(r: Random, item: Item, entry: Entry): boolean {
  const req = item.request;
  const { name, value } = entry;
  switch (entry.place) {
    case 'header':
      req.header.push({ key: name, value, type: 'text' });
      return true;
    case 'auth-bearer':
    case 'auth-basic':
    case 'auth-apikey':
    case 'auth-oauth2':
      if (req.auth) return false;
      req.auth = {
        'auth-bearer': () => authBlock('bearer', [{ key: 'token', value }]),
        'auth-basic': () =>
          authBlock('basic', [
            { key: 'password', value },
            { key: 'username', value: r.pick(['admin', 'svc-reporting', 'jane.doe@acme.dev']) },
          ]),
        'auth-apikey': () =>
          authBlock('apikey', [
            { key: 'value', value },
            { key: 'key', value: r.pick(['X-API-Key', 'api_key', 'apikey']) },
            { key: 'in', value: r.pick(['header', 'query']) },
          ]),
        'auth-oauth2': () =>
          authBlock('oauth2', [
            { key: 'accessToken', value },
            { key: 'tokenType', value: 'Bearer' },
            { key: 'addTokenTo', value: 'header' },
          ]),
      }[entry.place]();
      return true;
    case 'query': {
      const query = req.url.query ?? [];
      req.url.query = query;
      req.url.raw += `${query.length ? '&' : '?'}${name}=${value}`;
      query.push({ key: name, value });
      return true;
    }
    case 'body-raw': {
      if (req.body) return false;
      const payload: Record<string, unknown> = { [name]: value, requestedBy: r.pick(['ci', 'jane', 'ops']) };
      if (r.chance(0.5)) payload.options = { retries: r.between(0, 5), dryRun: r.chance(0.5) };
      req.body = {
        mode: 'raw',
        raw: JSON.stringify(payload, null, 2),
        options: { raw: { language: 'json' } },
      };
      return true;
    }
    case 'body-urlencoded':
    case 'body-formdata': {
      const mode = entry.place === 'body-urlencoded' ? 'urlencoded' : 'formdata';
      if (req.body && req.body.mode !== mode) return false;
      req.body ??= { mode, [mode]: [{ key: 'grant_type', value: 'client_credentials', type: 'text' }] };
      (req.body[mode] as KeyValue[]).push({ key: name, value, type: 'text' });
      return true;
    }
    case 'prerequest':
      script(item, 'prerequest').push(scriptLine(r, entry));
      return true;
    case 'test':
      script(item, 'test').push(
        entry.expression ? `pm.environment.set("${entry.name}", ${entry.value});` : scriptLine(r, entry),
      );
      return true;
    case 'description':
      req.description = `${req.description ? `${req.description}\n\n` : ''}${r.pick([
        `Use ${value} when calling this from the staging box.`,
        `Example: \`${value}\``,
        `Credentials for the sandbox: ${value}`,
      ])}`;
      return true;
    default:
      throw new Error(`not a collection place: ${entry.place}`);
  }
}

/**
 * A collection holding the entries, with `extraItems` plain requests besides.
 *
 * @example
 * buildCollection(r, 'Billing API', entries, 3); // JSON text
 */
export function buildCollection(r: Random, title: string, entries: readonly Entry[], extraItems = 0): string {
  const items: Item[] = [];
  const variable: KeyValue[] = [{ key: 'baseUrl', value: `https://${r.pick(HOSTS)}` }];
  for (let i = 0; i < extraItems + 1; i++) items.push(makeItem(r));
  for (const entry of entries) {
    if (entry.place === 'collection-variable') {
      variable.push({ key: entry.name, value: entry.value, type: 'string' });
      continue;
    }
    let item = r.pick(items);
    if (!apply(r, item, entry)) {
      item = makeItem(r);
      items.push(item);
      apply(r, item, entry);
    }
  }
  const folders =
    items.length > 4 && r.chance(0.6)
      ? [
          { name: 'Admin', item: items.slice(0, Math.floor(items.length / 2)) },
          ...items.slice(Math.floor(items.length / 2)),
        ]
      : items;
  const collection = {
    info: {
      _postman_id: r.uuid(),
      name: title,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: folders,
    variable,
  };
  return JSON.stringify(collection, null, r.pick([2, 2, '\t', 0]));
}

/**
 * A Postman environment holding the entries.
 *
 * @example
 * buildEnvironment(r, 'Staging', entries);
 */
export function buildEnvironment(r: Random, title: string, entries: readonly Entry[]): string {
  const values = [
    { key: 'baseUrl', value: `https://${r.pick(HOSTS)}`, type: 'default', enabled: true },
    ...entries.map((e) => ({
      key: e.name,
      value: e.value,
      type: e.secretType ? 'secret' : 'default',
      enabled: true,
    })),
    { key: 'tenant', value: r.chars(ALPHABETS.lower, 6), type: 'default', enabled: true },
  ];
  const environment = {
    id: r.uuid(),
    name: title,
    values,
    _postman_variable_scope: 'environment',
    _postman_exported_at: '2025-05-14T09:12:44.120Z',
    _postman_exported_using: 'Postman/11.2.0',
  };
  return JSON.stringify(environment, null, r.pick([2, '\t']));
}
