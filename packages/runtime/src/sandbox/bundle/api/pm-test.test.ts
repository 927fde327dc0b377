import { describe, expect, it } from 'vitest';
import { makeInput, runScript } from './test-harness.ts';
import { assertionError } from './test-runner.ts';

describe('pm.test', () => {
  it('records sync passes and failures with chai messages, in order, through the bridge too', async () => {
    const { output, bridge } = await runScript(`
      pm.test('passes', () => { pm.expect(1).to.equal(1); });
      pm.test('fails', () => { pm.expect(1).to.equal(2); });
      pm.test('throws', () => { null.x; });
      pm.test('no function');
    `);
    expect(output.assertions).toEqual([
      { name: 'passes', index: 0, skipped: false, passed: true },
      {
        name: 'fails',
        index: 1,
        skipped: false,
        passed: false,
        error: { name: 'AssertionError', message: 'expected 1 to equal 2' },
      },
      {
        name: 'throws',
        index: 2,
        skipped: false,
        passed: false,
        error: { name: 'TypeError', message: "Cannot read properties of null (reading 'x')" },
      },
      { name: 'no function', index: 3, skipped: false, passed: true },
    ]);
    expect(bridge.assertions).toEqual(output.assertions);
  });

  it('waits for done() and records done(err) as a failure', async () => {
    const { output } = await runScript(`
      pm.test('late pass', (done) => { setTimeout(() => done(), 10); });
      pm.test('late fail', (done) => { setTimeout(() => done(new Error('nope')), 5); });
      pm.test('sync', () => {});
    `);
    expect(output.assertions.map((a) => [a.name, a.index, a.passed, a.error?.message])).toEqual([
      ['sync', 2, true, undefined],
      ['late fail', 1, false, 'nope'],
      ['late pass', 0, true, undefined],
    ]);
  });

  it('counts pending async tests until they finish', async () => {
    const { createExecution } = await import('./index.ts');
    const { fakeBridge } = await import('./test-harness.ts');
    const execution = createExecution(makeInput(), fakeBridge());
    const pm = execution.globals.pm as { test(name: string, fn: (done: () => void) => void): void };
    let finish: () => void = () => {};
    pm.test('async', (done) => {
      finish = done;
    });
    expect(execution.pending()).toBe(1);
    finish();
    expect(execution.pending()).toBe(0);
    finish(); // reported again, as in Newman, but no longer pending
    expect(execution.pending()).toBe(0);
    expect(execution.finish().assertions).toHaveLength(2);
  });

  it("fails a test whatever value it throws, with Newman's error for non-errors", async () => {
    const { output } = await runScript(`
      pm.test('undefined', () => { throw undefined; });
      pm.test('null', () => { throw null; });
      pm.test('zero', () => { throw 0; });
      pm.test('empty', () => { throw ''; });
      pm.test('string', () => { throw 'plain'; });
      pm.test('object', () => { throw { code: 42 }; });
      pm.test('error-like', () => { throw { name: 'X', message: 'mm' }; });
      pm.test('with done', (done) => { throw undefined; });
      pm.test('returns false', () => false);
    `);
    const failure = (name: string) => ({ name: 'AssertionError', message: name });
    expect(output.assertions.map((a) => [a.name, a.passed, a.error])).toEqual([
      ['undefined', false, failure('undefined')],
      ['null', false, failure('null')],
      ['zero', false, failure('zero')],
      ['empty', false, failure('empty')],
      ['string', false, failure('string')],
      ['object', false, failure('object')],
      ['error-like', false, { name: 'X', message: 'mm' }],
      ['with done', false, failure('with done')],
      ['returns false', true, undefined],
    ]);
  });

  it('reports a done() test at every call until it failed with an error, as Newman does', async () => {
    const { output, bridge } = await runScript(`
      pm.test('twice', (done) => { done(); done(); });
      pm.test('ok then error', (done) => { done(); done(new Error('second')); done(); });
      pm.test('error then ok', (done) => { done(new Error('first')); done(); });
      pm.test('string', (done) => { done('string error'); });
      pm.test('falsy', (done) => { done(0); });
      pm.test('ok then throw', (done) => { done(); throw new Error('after'); });
      pm.test('error then throw', (done) => { done(new Error('d')); throw new Error('t'); });
      pm.test('late twice', (done) => { setTimeout(() => { done(); done(); }, 2); });
    `);
    const rows = output.assertions.map((a) => [a.name, a.index, a.passed, a.error?.message]);
    expect(rows).toEqual([
      ['twice', 0, true, undefined],
      ['twice', 0, true, undefined],
      ['ok then error', 1, true, undefined],
      ['ok then error', 1, false, 'second'],
      ['error then ok', 2, false, 'first'],
      ['string', 3, false, 'string'],
      ['falsy', 4, true, undefined],
      ['ok then throw', 5, true, undefined],
      ['ok then throw', 5, false, 'after'],
      ['error then throw', 6, false, 'd'],
      ['error then throw', 6, false, 't'],
      ['late twice', 7, true, undefined],
      ['late twice', 7, true, undefined],
    ]);
    expect(bridge.assertions).toEqual(output.assertions);
  });

  it('a done() test failed by a falsy throw is reported again by a later done()', async () => {
    const { output } = await runScript(`pm.test('zero', (done) => { setTimeout(done, 1); throw 0; });`);
    expect(output.assertions.map((a) => [a.name, a.passed])).toEqual([
      ['zero', false],
      ['zero', false],
    ]);
  });

  it('records a test returning a promise when it settles', async () => {
    const { output } = await runScript(`
      pm.test('resolves', async () => { await new Promise((r) => setTimeout(r, 5)); pm.expect(true).to.be.true; });
      pm.test('rejects', async () => { await null; pm.expect('a').to.equal('b'); });
    `);
    expect(output.assertions).toEqual([
      {
        name: 'rejects',
        index: 1,
        skipped: false,
        passed: false,
        error: { name: 'AssertionError', message: "expected 'a' to equal 'b'" },
      },
      { name: 'resolves', index: 0, skipped: false, passed: true },
    ]);
  });

  it('a sync throw inside an async test fails it once', async () => {
    const { output } = await runScript(`pm.test('boom', (done) => { throw new Error('early'); });`);
    expect(output.assertions).toEqual([
      { name: 'boom', index: 0, skipped: false, passed: false, error: { name: 'Error', message: 'early' } },
    ]);
  });

  it('pm.test.skip records a skipped assertion and pm.test is chainable', async () => {
    const { output } = await runScript(`
      const same = pm.test.skip('later').test('now', () => {});
      if (same !== pm) throw new Error('not chainable');
      pm.test('index', () => { pm.expect(pm.test.index()).to.equal(3); });
    `);
    expect(output.assertions.map((a) => [a.name, a.skipped, a.passed])).toEqual([
      ['later', true, true],
      ['now', false, true],
      ['index', false, true],
    ]);
  });

  it('legacy tests[] become assertions after pm.test ones, in key order, with Newman messages', async () => {
    const { output } = await runScript(`
      tests['status ok'] = responseCode.code === 200;
      pm.test('pm first', () => {});
      tests['zero'] = 0;
      tests['empty'] = '';
      tests['yes'] = 'yes';
    `);
    expect(output.assertions).toEqual([
      { name: 'pm first', index: 0, skipped: false, passed: true },
      { name: 'status ok', index: 1, skipped: false, passed: true },
      {
        name: 'zero',
        index: 2,
        skipped: false,
        passed: false,
        error: { name: 'AssertionError', message: 'expected 0 to be truthy' },
      },
      {
        name: 'empty',
        index: 3,
        skipped: false,
        passed: false,
        error: { name: 'AssertionError', message: 'expected  to be truthy' },
      },
      { name: 'yes', index: 4, skipped: false, passed: true },
    ]);
  });

  it('legacy tests set after the synchronous part are ignored, as in Newman', async () => {
    const { output } = await runScript(`setTimeout(() => { tests['late'] = true; }, 1);`);
    expect(output.assertions).toEqual([]);
  });

  it('pm.expect is chai 4 expect', async () => {
    const { output } = await runScript(`
      pm.test('deep', () => pm.expect({ a: [1] }).to.deep.equal({ a: [1] }));
      pm.test('include', () => pm.expect([1, 2]).to.include(3));
      pm.test('invalid property', () => pm.expect(1).to.be.notAThing);
    `);
    expect(output.assertions.map((a) => a.error?.message)).toEqual([
      undefined,
      'expected [ 1, 2 ] to include 3',
      'Invalid Chai property: notAThing',
    ]);
  });

  it('assertionError describes a value whose properties throw by the test name', () => {
    const hostile = {
      get name(): string {
        throw new Error('no');
      },
    };
    expect(assertionError(hostile, 't')).toEqual({ name: 'AssertionError', message: 't' });
    expect(assertionError(new RangeError('r'), 't')).toEqual({ name: 'RangeError', message: 'r' });
  });
});
