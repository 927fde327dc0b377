/**
 * The modules Newman's sandbox (postman-sandbox 4.7, a browserify bundle) lets scripts require:
 * besides the npm libraries, assert 2.0.0, postman-collection 4.4.0, Backbone 1.6.0, and browserify
 * 16's builtins for Node's core modules: fs (empty), os (os-browserify 0.3), timers
 * (timers-browserify 1.4), util 0.10.4, events 2.1, path-browserify 0.0.1, stream-browserify 2, url
 * 0.11.0 (querystring, not qs). Each is compared with the same code run in postman-sandbox itself,
 * the reference.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSandbox } from './isolate.ts';
import { logText, recordingHost, scriptInput } from './test-host.ts';
import type { Sandbox, ScriptSession } from './types.ts';

interface NewmanContext {
  on(event: string, listener: (...args: unknown[]) => void): void;
  removeAllListeners(event?: string): void;
  execute(script: unknown, options: unknown, done: (error: unknown) => void): void;
  dispose(): void;
}
const PostmanSandbox = createRequire(import.meta.url)('postman-sandbox') as {
  createContext(options: unknown, done: (error: unknown, context: NewmanContext) => void): void;
};

let sandbox: Sandbox;
let session: ScriptSession;
let newmanContext: NewmanContext;

beforeAll(async () => {
  sandbox = await createSandbox();
  session = await sandbox.createSession();
  newmanContext = await new Promise<NewmanContext>((resolve, reject) =>
    PostmanSandbox.createContext({}, (error, context) => (error ? reject(error) : resolve(context))),
  );
});

afterAll(() => {
  sandbox.dispose();
  newmanContext?.dispose();
});

/** What a script logs in postern's sandbox (and its error, if any). */
async function postern(code: string): Promise<string[]> {
  const host = recordingHost();
  const output = await session.execute(scriptInput(code), host);
  const logs = logText(host);
  return output.error ? [...logs, `error: ${output.error.message}`] : logs;
}

/** What the same script logs in Newman's sandbox (and its error, if any). */
function newman(code: string): Promise<string[]> {
  const logs: string[] = [];
  newmanContext.removeAllListeners('console');
  newmanContext.removeAllListeners('execution.error');
  newmanContext.on('console', (_cursor, _level, ...args) => logs.push(args.map(String).join(' ')));
  newmanContext.on('execution.error', (_cursor, error) => logs.push(`error: ${(error as Error).message}`));
  return new Promise((resolve) =>
    newmanContext.execute({ listen: 'test', script: { exec: code } }, { timeout: 5000 }, () => resolve(logs)),
  );
}

async function same(code: string): Promise<string[]> {
  const [expected, actual] = await Promise.all([newman(code), postern(code)]);
  expect(actual).toEqual(expected);
  return actual;
}

/**
 * Every module a script can require there. lodash is left out: Newman's sandbox loads
 * postman-collection as it starts, whose lodash mixins (`inSuperChain` …) land on the shared lodash,
 * while here they do only once a script requires postman-collection.
 */
const MODULES = [
  ...['assert', 'postman-collection', 'backbone', 'fs', 'os', 'timers', 'util', 'events', 'path'],
  ...['stream', 'buffer', 'url', 'querystring', 'punycode', 'string_decoder', 'moment', 'crypto-js'],
  ...['ajv', 'tv4', 'xml2js', 'cheerio', 'csv-parse/lib/sync', 'atob', 'btoa', 'uuid', 'chai'],
];

describe("Node modules of Newman's sandbox", () => {
  it.each(MODULES)('%s loads with the same type and exported keys', async (name) => {
    const logs = await same(`
      const m = require(${JSON.stringify(name)});
      console.log(typeof m, JSON.stringify(Object.keys(m)));
    `);
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toMatch(/^error/);
  });

  it('pins the shapes the corpus records (util without promisify and types)', async () => {
    const logs = await same(`
      const shape = (m) => typeof m === 'function' ? 'function' : typeof m + '(' + Object.keys(m).length + ')';
      console.log(['util', 'os', 'fs', 'backbone', 'timers'].map((n) => n + ':' + shape(require(n))).join(','));
      console.log(['promisify', 'types', 'format', 'inherits'].map((k) => k + ':' + typeof require('util')[k]).join(','));
    `);
    expect(logs).toEqual([
      'util:object(22),os:object(17),fs:object(0),backbone:object(24),timers:object(10)',
      'promisify:undefined,types:undefined,format:function,inherits:function',
    ]);
  });

  it('keeps modules Newman lacks missing', async () => {
    await same(`
      for (const name of ['crypto', 'http', 'child_process', 'net']) {
        try { require(name); console.log(name, 'loaded') } catch (e) { console.log(name, e.message) }
      }
    `);
  });

  it('asserts with assert 2 and its messages', async () => {
    await same(`
      const assert = require('assert');
      assert.ok(1); assert.deepStrictEqual({ a: [1] }, { a: [1] }); assert.throws(() => JSON.parse('{'), SyntaxError);
      for (const fail of [() => assert.strictEqual('a', 'b'), () => assert.deepStrictEqual({ a: [1] }, { a: [2] }), () => assert(false)]) {
        try { fail() } catch (e) { console.log(e.name, e.code, e instanceof assert.AssertionError, JSON.stringify(e.message)) }
      }
      console.log(typeof assert.strict, assert.strict.strict === assert.strict);
    `);
  });

  it("runs postman-collection's SDK, sharing lodash as Newman's bundle does", async () => {
    await same(`
      const sdk = require('postman-collection');
      const url = new sdk.Url('https://a.com/b/c?page=2&sort=name#h');
      console.log(url.getPath(), url.query.get('page'), url.getHost(), url.toString());
      console.log(JSON.stringify(sdk.Header.parse('A: 1\\nB: 2').map((h) => h.key)));
      const scope = new sdk.VariableScope({ values: [{ key: 'who', value: 'world' }] });
      console.log(scope.replaceIn('hello {{who}}'), /^[0-9a-f-]{36}$/.test(new sdk.Property().id));
      console.log(new sdk.Request({ url: 'http://x.com', method: 'post' }).method, typeof require('lodash').inSuperChain);
    `);
  });

  it('runs Backbone 1.6 (underscore 1.13, jQuery as its $)', async () => {
    await same(`
      const B = require('backbone');
      const model = new B.Model({ a: 1 });
      model.on('change:a', (_m, value) => console.log('changed', value));
      model.set('a', 2);
      const list = new B.Collection([{ id: 2 }, { id: 1 }], { comparator: 'id' });
      console.log(B.VERSION, JSON.stringify(model.toJSON()), list.pluck('id').join(), typeof B.$);
    `);
  });

  it('has the legacy Backbone global, deprecated, which a script cannot redeclare', async () => {
    await same(`
      console.log(typeof Backbone, Backbone.VERSION, Backbone === require('backbone'));
      console.log(typeof new Backbone.Model({ a: 1 }).get);
    `);
    await same("const Backbone = require('backbone'); console.log('redeclared')");
    await same("'use sandbox2';\nconsole.log(typeof Backbone)");
  });

  it('gives browserify fs, os and util', async () => {
    await same(`
      const os = require('os'), util = require('util');
      console.log(JSON.stringify(require('fs')), require('fs') === require('fs'));
      console.log(os.platform(), os.type(), os.arch(), os.tmpdir(), os.homedir(), JSON.stringify(os.EOL), os.endianness());
      console.log(util.inspect({ a: [1, { b: 2 }] }), util.format('%s=%d %j', 'x', 4, { y: 1 }), util.inspect.custom);
    `);
  });

  it('gives browserify 16 url, path, events and stream', async () => {
    await same(`
      const url = require('url'), path = require('path');
      console.log(JSON.stringify(url.parse('http://a.com/p?a[b]=1&c=2&c=3&d', true).query));
      console.log(url.format({ protocol: 'http', host: 'x.com', query: { a: [1, 2], b: { c: 1 } } }));
      console.log(path.normalize('/a//b/../c/'), path.relative('/a/b', '/a/c/d'), typeof path.parse, typeof path.posix);
      const events = require('events');
      console.log(typeof require('stream').pipeline, Object.prototype.hasOwnProperty.call(events, 'once'), events.defaultMaxListeners);
    `);
  });

  it("streams data, where Newman's streams fail", async () => {
    // readable-stream defers through browserify's `process.nextTick`, which calls `setTimeout`: in
    // Newman's bundle there is none (as for timers below); here `process.nextTick` is a microtask.
    const code = `
      const { Readable, Writable } = require('stream');
      let got = '';
      const sink = new Writable({ write(chunk, _enc, next) { got += chunk; next(); } });
      sink.on('finish', () => console.log('streamed', got));
      const source = new Readable({ read() {} });
      source.pipe(sink); source.push('a'); source.push('b'); source.push(null);
    `;
    expect(await newman(code)).toEqual(['error: setTimeout is not defined']);
    expect(await postern(code)).toEqual(['streamed ab']);
  });

  it("gives timers-browserify's API; unlike Newman's, its timers run", async () => {
    // In Newman's bundle timers-browserify sees no `setTimeout` (the sandbox passes the timers to
    // scripts, not to the bundle), so its setTimeout, setInterval and setImmediate throw.
    expect(await newman("require('timers').setTimeout(() => {}, 1)")).toEqual([
      'error: setTimeout is not defined',
    ]);
    expect(
      await postern(`
        const timers = require('timers');
        const cancelled = timers.setTimeout(() => console.log('cancelled ran'), 1);
        timers.clearTimeout(cancelled);
        timers.setTimeout((x) => console.log('timeout', x), 1, 'a');
        timers.setImmediate(() => console.log('immediate'));
        console.log(typeof cancelled.unref, timers.setImmediate === setImmediate);
      `),
    ).toEqual(['function true', 'immediate', 'timeout a']);
  });
});

describe('loading', () => {
  it('loads none of them unless a script requires it, then only what that module needs', async () => {
    const spy = vi.spyOn(
      sandbox as unknown as { libraryScript(i: unknown, name: string): unknown },
      'libraryScript',
    );
    const fresh = await sandbox.createSession();
    const loadsOf = async (code: string) => {
      spy.mockClear();
      const output = await fresh.execute(scriptInput(code), recordingHost());
      expect(output.error).toBeUndefined();
      return spy.mock.calls.map((call) => call[1]);
    };
    try {
      expect(
        await loadsOf("pm.test('plain', () => pm.expect(1).to.equal(1)); setTimeout(() => {}, 1)"),
      ).toEqual([]);
      expect(await loadsOf("require('fs'); require('os'); require('util')")).toEqual(['os', 'util']);
      expect(await loadsOf("require('assert')")).toEqual(['assert']);
      expect(await loadsOf("require('timers')")).toEqual(['timers']);
      const sdkLoads = await loadsOf("require('postman-collection')");
      expect(sdkLoads).toContain('postman-collection');
      expect(sdkLoads).not.toContain('backbone');
    } finally {
      spy.mockRestore();
      fresh.dispose();
    }
  });
});
