/**
 * Helpers for the run loop's tests: a local HTTP server that records what arrives, a listener that
 * records every event, and a terse collection builder. Test-only; never imported by the runtime.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Collection, parseCollection } from '@postern/collection';
import { type Cursor, type RunListener, type RunSummary, STREAMED_EVENT_NAMES } from '../events.ts';
import type { RunOptions } from './options.ts';
import { run } from './run.ts';

export interface ArrivedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface RunTestServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  arrived: ArrivedRequest[];
  close(): Promise<void>;
}

const DIGEST = { realm: 'postern', nonce: 'n0nce', user: 'alice', password: 's3cret' };

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** Checks an `Authorization: Digest …` header against the fixed test credentials (no qop). */
function digestValid(header: string | undefined, method: string): boolean {
  if (!header?.startsWith('Digest ')) return false;
  const field = (name: string) => new RegExp(`${name}="?([^",]*)"?`).exec(header)?.[1];
  const ha1 = md5(`${DIGEST.user}:${DIGEST.realm}:${DIGEST.password}`);
  const ha2 = md5(`${method}:${field('uri') ?? ''}`);
  return field('response') === md5(`${ha1}:${field('nonce') ?? ''}:${ha2}`);
}

/**
 * Routes: `/echo` (JSON of method, url and headers), `/delay?ms=100`, `/status?code=500`,
 * `/hang` (never answers), `/digest` (digest challenge; user alice, password s3cret), anything else: `ok`.
 */
function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://test.local');
  switch (url.pathname) {
    case '/echo':
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers }));
      return;
    case '/delay':
      setTimeout(() => res.end('late'), Number(url.searchParams.get('ms') ?? 100));
      return;
    case '/status':
      res.statusCode = Number(url.searchParams.get('code') ?? 200);
      res.end('status');
      return;
    case '/hang':
      return;
    case '/digest':
      if (digestValid(req.headers.authorization, req.method ?? 'GET')) {
        res.end('welcome');
      } else {
        res.writeHead(401, { 'WWW-Authenticate': `Digest realm="${DIGEST.realm}", nonce="${DIGEST.nonce}"` });
        res.end('who are you');
      }
      return;
    default:
      res.end('ok');
  }
}

/** Starts the test server on 127.0.0.1 with a free port. */
export async function startRunTestServer(): Promise<RunTestServer> {
  const arrived: ArrivedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    arrived.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, at: Date.now() });
    req.resume();
    req.on('end', () => route(req, res));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    arrived,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

type EventName = keyof RunListener;
/** The payload a listener callback receives. */
export type PayloadOf<K extends EventName> = Parameters<NonNullable<RunListener[K]>>[0];

export interface RecordedEvent {
  name: EventName;
  payload: unknown;
}

const EVENT_NAMES: readonly EventName[] = [...STREAMED_EVENT_NAMES, 'done'];

/** A listener that keeps every event in arrival order. */
export function recordingListener(): { listener: RunListener; events: RecordedEvent[] } {
  const events: RecordedEvent[] = [];
  const listener: Record<string, (payload: unknown) => void> = {};
  for (const name of EVENT_NAMES) listener[name] = (payload) => events.push({ name, payload });
  return { listener: listener as RunListener, events };
}

/** Runs with a recording listener. */
export async function recordRun(
  options: RunOptions,
): Promise<{ summary: RunSummary; events: RecordedEvent[]; names: string[] }> {
  const { listener, events } = recordingListener();
  const summary = await run(options, listener);
  return { summary, events, names: events.map((e) => e.name) };
}

/** The payloads of the events of one kind, typed. */
export function payloads<K extends EventName>(events: RecordedEvent[], name: K): Array<PayloadOf<K>> {
  return events.filter((e) => e.name === name).map((e) => e.payload as PayloadOf<K>);
}

/** The cursor of an event payload (every event but `done` has one). */
export function cursorOf(event: RecordedEvent): Cursor {
  return (event.payload as { cursor: Cursor }).cursor;
}

export interface ItemSpec {
  name: string;
  id?: string;
  url: string;
  method?: string;
  prerequest?: string;
  test?: string;
  auth?: unknown;
  header?: Array<{ key: string; value: string }>;
}

export interface FolderSpec {
  name: string;
  id?: string;
  item: Array<ItemSpec | FolderSpec>;
  auth?: unknown;
  prerequest?: string;
  test?: string;
}

function events(prerequest?: string, test?: string): unknown[] {
  const out: unknown[] = [];
  if (prerequest) out.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: [prerequest] } });
  if (test) out.push({ listen: 'test', script: { type: 'text/javascript', exec: [test] } });
  return out;
}

function toJson(node: ItemSpec | FolderSpec): unknown {
  if ('item' in node) {
    return {
      name: node.name,
      ...(node.id ? { id: node.id } : {}),
      item: node.item.map(toJson),
      ...(node.auth ? { auth: node.auth } : {}),
      event: events(node.prerequest, node.test),
    };
  }
  return {
    name: node.name,
    ...(node.id ? { id: node.id } : {}),
    event: events(node.prerequest, node.test),
    request: {
      method: node.method ?? 'GET',
      url: node.url,
      header: node.header ?? [],
      ...(node.auth ? { auth: node.auth } : {}),
    },
  };
}

/** Builds and parses a v2.1 collection from a terse description. */
export function collectionOf(
  items: Array<ItemSpec | FolderSpec>,
  extra: { variable?: Array<{ key: string; value: string }>; auth?: unknown; name?: string } = {},
): Collection {
  return parseCollection({
    info: {
      _postman_id: 'c0ffee00-0000-4000-8000-000000000000',
      name: extra.name ?? 'run tests',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: items.map(toJson),
    ...(extra.variable ? { variable: extra.variable } : {}),
    ...(extra.auth ? { auth: extra.auth } : {}),
  });
}
