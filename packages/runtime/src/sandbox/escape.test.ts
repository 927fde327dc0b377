/**
 * Known ways out of a JavaScript sandbox. Every attempt must end as an error of that script while
 * the host process, its globals and its prototypes stay untouched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from './isolate.ts';
import { recordingHost, scriptInput } from './test-host.ts';
import type { Sandbox, ScriptSession } from './types.ts';

let sandbox: Sandbox;
let session: ScriptSession;
const hostProcess = process;
const objectKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayKeys = Object.getOwnPropertyNames(Array.prototype).sort();
const functionKeys = Object.getOwnPropertyNames(Function.prototype).sort();

beforeAll(async () => {
  sandbox = await createSandbox({ timeoutMs: 500, memoryLimitMb: 64 });
  session = await sandbox.createSession();
});

afterAll(() => sandbox.dispose());

afterEach(() => {
  // the host is unaffected whatever the script did
  expect(globalThis.process).toBe(hostProcess);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectKeys);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayKeys);
  expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(functionKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

async function attempt(code: string, target = session) {
  const host = recordingHost();
  const output = await target.execute(scriptInput(code), host);
  return { output, host };
}

/** Each attempt tries to reach the host's `process` and use it; all must fail with an error. */
const corpus: Array<[name: string, code: string, error: RegExp]> = [
  [
    'constructor chain from this',
    "this.constructor.constructor('return process')().exit(1)",
    /process is not defined/,
  ],
  ['Function constructor', "Function('return process')().exit(1)", /process is not defined/],
  [
    'Function constructor on a pm object',
    "pm.constructor.constructor('return process')().exit(1)",
    /process/,
  ],
  ['globalThis.process', 'globalThis.process.exit(1)', /Cannot read properties of undefined/],
  [
    'real global through Function',
    "Function('return this')().process.exit(1)",
    /Cannot read properties of undefined/,
  ],
  [
    'dynamic import',
    "import('fs').then((fs) => fs.writeFileSync('/tmp/pwned', 'x'))",
    /Not supported|import/i,
  ],
  [
    'async dynamic import',
    "(async () => { (await import('child_process')).execSync('id') })()",
    /Not supported|import/i,
  ],
  // `fs` is an empty object, as in Newman's sandbox
  ['require fs', "require('fs').readFileSync('/etc/passwd')", /readFileSync is not a function/],
  ['require child_process', "require('child_process').execSync('id')", /Cannot find module 'child_process'/],
  ['require module', "require('module').createRequire('/')('fs')", /Cannot find module 'module'/],
  [
    'caller chain',
    `function climb(f) { const seen = []; while (f) { seen.push(f); f = f.caller; } return seen; }
     (function probe() { const host = climb(probe).find((f) => f.process); host.process.exit(1); })();`,
    /Cannot read properties of undefined/,
  ],
  [
    'arguments.callee.caller',
    '(function () { arguments.callee.caller.caller.process.exit(1) })()',
    /Cannot read|caller/,
  ],
  [
    'Error.prepareStackTrace frames',
    `Error.prepareStackTrace = (e, frames) => frames;
     const frames = new Error().stack;
     const target = frames.map((f) => { try { return f.getThis() } catch { return undefined } }).find((t) => t && t.process);
     target.process.exit(1);`,
    /Cannot read properties of undefined/,
  ],
  [
    'endless getter on an output value',
    "pm.environment.set('trap', { get value() { for (;;) {} } });",
    /timed out/,
  ],
  [
    'endless ownKeys trap in a console value',
    'console.log(new Proxy({}, { ownKeys() { for (;;) {} } }))',
    /timed out/,
  ],
  ['synchronous infinite loop', 'while (true) {}', /Script execution timed out\./],
  ['blocking Atomics.wait', 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)', /timed out/],
  // each turn chains one more pending promise: the time limit or, on a fast CPU, the memory limit stops it
  [
    'promise job loop',
    'const spin = () => Promise.resolve().then(spin); spin();',
    /timed out|exceeded the sandbox memory limit/,
  ],
  ['endless interval', 'setInterval(() => {}, 0)', /asynchronous script execution timeout/],
  [
    'endless timer chain',
    'const again = () => setTimeout(again, 0); again();',
    /asynchronous script execution timeout/,
  ],
  ['huge string', "'a'.repeat(2 ** 29)", /Invalid string length/],
  ['huge buffer', 'new ArrayBuffer(2 ** 32)', /Array buffer allocation failed|Invalid array buffer length/],
];

describe('escape attempts', () => {
  for (const [name, code, error] of corpus) {
    it(`fails: ${name}`, async () => {
      const { output } = await attempt(code);
      expect(output.error?.message).toMatch(error);
      // nothing from the host leaks into what the script or its result can see
      expect(output.error?.stack ?? '').not.toMatch(/\/work\/|node_modules|node:internal/);
    });
  }

  it('fails: prepareStackTrace on a host-delivered error', async () => {
    // caught and logged: a callback's exception is not the execution's error (as in Newman)
    const { output, host } = await attempt(`
      Error.prepareStackTrace = (e, frames) => frames.map((f) => f.getFunction());
      pm.sendRequest('http://127.0.0.1:1/', (err) => {
        try {
          const fns = err ? err.stack : [];
          const found = (Array.isArray(fns) ? fns : []).find((fn) => fn && fn('return process'));
          found('return process')().exit(1);
        } catch (e) {
          console.log(e.name + ': ' + e.message);
        }
      });`);
    expect(output.error).toBeUndefined();
    expect(host.logs.map((l) => l.messages[0])).toEqual([
      expect.stringMatching(/not a function|Cannot read/),
    ]);
  });

  it('fails: memory bomb with growing arrays, and the host keeps running', async () => {
    const roomy = await createSandbox({ timeoutMs: 20_000, memoryLimitMb: 64 });
    const own = await roomy.createSession();
    const { output } = await attempt('const hoard = []; for (;;) hoard.push(new Array(1e6).fill(1.5));', own);
    expect(output.error?.message).toBe('Script exceeded the sandbox memory limit of 64 MB');
    const after = await attempt('console.log(1 + 1)', own);
    expect(after.host.logs[0]?.messages).toEqual([2]);
    roomy.dispose();
  });

  it('keeps prototype pollution inside the context', async () => {
    const polluted = await attempt(
      'Object.prototype.polluted = 1; Array.prototype.polluted = 1; Function.prototype.polluted = 1; console.log({}.polluted)',
    );
    expect(polluted.host.logs[0]?.messages).toEqual([1]);
    // a second session (another context of the same isolate) has its own prototypes
    const other = await sandbox.createSession();
    const clean = await attempt('console.log({}.polluted, [].polluted)', other);
    expect(clean.host.logs[0]?.messages).toEqual([undefined, undefined]);
    other.dispose();
  });

  it('returns __proto__ keys as nothing the host can be polluted through', async () => {
    const { output } = await attempt(`
      pm.environment.set('p', JSON.parse('{"__proto__": {"polluted": 1}, "ok": 1}'));
      pm.environment.set('__proto__', 'x');
    `);
    const value = output.scopes.environment.find((v) => v.key === 'p')?.value as Record<string, unknown>;
    expect(value).toEqual({ ok: 1 });
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    const merged = Object.assign({}, value);
    expect((merged as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copies data out: no accessor, function or prototype of the isolate reaches the host', async () => {
    const { output, host } = await attempt(`
      pm.environment.set('o', { get computed() { return 42 }, nested: { fn() {} } });
      console.log({ get g() { return 1 } }, function named() {});
    `);
    const value = output.scopes.environment.find((v) => v.key === 'o')?.value as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(value, 'computed')?.get).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    const [logged, fn] = host.logs[0]?.messages ?? [];
    expect(Object.getOwnPropertyDescriptor(logged, 'g')).toMatchObject({ value: 1 });
    expect(fn).toBe('[Function: named]');
  });

  it('leaves the input objects the host handed in unchanged', async () => {
    const input = scriptInput(`
      pm.request.headers.add({ key: 'X-Injected', value: '1' });
      pm.request.method = 'DELETE';
      pm.environment.set('e', 1);
    `);
    input.scopes.environment.push({ key: 'e', value: 0 });
    const before = structuredClone(input);
    const output = await session.execute(input, recordingHost());
    expect(input).toEqual(before);
    expect(output.request.header).toContainEqual(expect.objectContaining({ key: 'X-Injected' }));
  });

  it('runs getters of returned values inside the isolate, where there is no process', async () => {
    const { host, output } = await attempt(`
      pm.environment.set('trap', { get value() { console.log(typeof process, typeof require('fs')); return 1 } });
    `);
    expect(JSON.stringify(output.scopes.environment)).not.toContain('function');
    for (const log of host.logs) expect(log.messages[0]).toBe('undefined');
  });

  it('does not hand a failing host callback error into the isolate', async () => {
    const host = recordingHost();
    host.dynamicVariable = () => {
      throw new Error('host secret /work/host/path');
    };
    const output = await session.execute(
      scriptInput('console.log(pm.variables.replaceIn("{{$guid}}"))'),
      host,
    );
    expect(output.error).toBeUndefined();
    expect(JSON.stringify(host.logs)).not.toContain('host secret');
  });
});
