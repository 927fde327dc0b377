/**
 * The API must run where only JavaScript builtins exist (the isolate): bundle it the way the
 * engine does and run an execution in a bare `vm` context (no Buffer, TextDecoder, require, console).
 */
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { makeInput, textResponse } from './test-harness.ts';

describe('in-isolate bundle', () => {
  it('runs with JavaScript builtins only', async () => {
    const result = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'PosternApi',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      conditions: ['source'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const context = vm.createContext({});
    vm.runInContext(code, context);
    const input = makeInput({
      response: textResponse('{"name":"ünïcode"}', {
        header: [{ key: 'Content-Type', value: 'application/json' }],
      }),
    });
    const events: unknown[] = [];
    context.input = JSON.parse(JSON.stringify(input));
    context.events = events;
    const output = vm.runInContext(
      `(() => {
        const bridge = {
          sendRequest() {}, cookieJar() {}, dynamicVariable: () => undefined,
          console: (level, args) => events.push([level, args]),
          assertion: (a) => events.push(['assertion', a.name, a.passed]),
        };
        const execution = PosternApi.createExecution(input, bridge);
        const { pm } = execution.globals;
        pm.test('json', () => pm.expect(pm.response.json().name).to.equal('ünïcode'));
        pm.test('status', () => pm.response.to.have.status(500));
        pm.environment.set('k', 1);
        return JSON.stringify(execution.finish());
      })()`,
      context,
    );
    const parsed = JSON.parse(output);
    expect(
      parsed.assertions.map((a: { name: string; error?: { message: string } }) => [a.name, a.error?.message]),
    ).toEqual([
      ['json', undefined],
      ['status', 'expected response to have status code 500 but got 200'],
    ]);
    expect(parsed.scopes.environment).toEqual([{ key: 'k', value: 1, type: 'any' }]);
    expect(events).toContainEqual(['assertion', 'json', true]);
    expect(vm.runInContext('typeof PosternApi.getChai().expect', context)).toBe('function');
  });
});
