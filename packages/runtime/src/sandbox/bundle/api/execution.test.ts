import { describe, expect, it } from 'vitest';
import { createExecution } from './index.ts';
import { fakeBridge, makeInput, runScript, textResponse } from './test-harness.ts';

describe('pm.info and pm.execution', () => {
  it('describes the running script', async () => {
    const input = makeInput({
      listen: 'prerequest',
      info: { iteration: 2, iterationCount: 5, requestName: 'Create', requestId: 'id-9' },
      location: { path: ['Collection', 'Folder', 'Create'], current: 'Folder' },
    });
    const { output } = await runScript(
      `pm.test('info', () => {
        pm.expect(pm.info).to.deep.equal({ eventName: 'prerequest', iteration: 2, iterationCount: 5, requestName: 'Create', requestId: 'id-9' });
        pm.expect(Array.from(pm.execution.location)).to.deep.equal(['Collection', 'Folder', 'Create']);
        pm.expect(pm.execution.location.current).to.equal('Folder');
        pm.info.iteration = 99;
        pm.expect(pm.info.iteration).to.equal(2);
        pm.expect(iteration).to.equal(2);
      });`,
      input,
    );
    expect(output.assertions[0]?.error).toBeUndefined();
  });

  it('setNextRequest: the last call wins, null stops, undefined means not called', async () => {
    expect(
      (await runScript(`pm.execution.setNextRequest('A'); postman.setNextRequest('B');`)).output.nextRequest,
    ).toBe('B');
    expect((await runScript(`pm.execution.setNextRequest(null);`)).output.nextRequest).toBeNull();
    expect(
      (await runScript(`pm.execution.setNextRequest('A'); pm.execution.setNextRequest();`)).output,
    ).not.toHaveProperty('nextRequest');
    expect((await runScript(`postman.setNextRequest(3);`)).output.nextRequest).toBe('3');
    expect((await runScript(``)).output).not.toHaveProperty('nextRequest');
  });

  it('skipRequest in a prerequest ends the execution with what was set before it', async () => {
    const { output } = await runScript(
      `pm.environment.set('before', 1);
       pm.test('counted', () => {});
       pm.execution.skipRequest();
       pm.environment.set('after', 2);
       pm.test('dropped', () => {});`,
      makeInput({ listen: 'prerequest' }),
    );
    expect(output.skipRequest).toBe(true);
    expect(output.scopes.environment.map((v) => v.key)).toEqual(['before']);
    expect(output.assertions.map((a) => a.name)).toEqual(['counted']);
  });

  it('skipRequest does not exist for test scripts', async () => {
    const { error, output } = await runScript(`pm.execution.skipRequest();`);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('pm.execution.skipRequest is not a function');
    expect(output.skipRequest).toBe(false);
  });

  it('pm is read-only and pm.visualizer validates like Postman', async () => {
    const { output } = await runScript(`
      pm.environment = null;
      pm.test('kept', () => pm.expect(pm.environment.get).to.be.a('function'));
      pm.test('template', () => pm.visualizer.set(1));
      pm.test('data', () => pm.visualizer.set('<b/>', 'x'));
      pm.test('ok', () => pm.visualizer.set('<b/>', { a: 1 }));
      pm.test('no require', () => pm.expect(pm.require).to.equal(undefined));
    `);
    expect(output.assertions.map((a) => a.error?.message)).toEqual([
      undefined,
      'Invalid template. Template must be of type string, found number',
      'Invalid data. Data must be an object, found string',
      undefined,
      undefined,
    ]);
  });
});

describe('pm.sendRequest', () => {
  it('calls back with a Response (and pm as this) and sends a RequestDefinition', async () => {
    const bridge = fakeBridge({
      respond: () => ({
        response: textResponse('{"id":7}', { code: 201, status: 'Created' }),
        history: { cookies: [{ name: 'sid', value: 'abc' }] },
      }),
    });
    const { output } = await runScript(
      `pm.sendRequest({ url: 'https://api.example.com/items', method: 'POST', header: { 'Content-Type': 'application/json' },
          body: { mode: 'raw', raw: JSON.stringify({ a: 1 }) } }, function (err, res, history) {
        pm.test('callback', () => {
          pm.expect(err).to.equal(null);
          pm.expect(this).to.equal(pm);
          pm.expect(res.code).to.equal(201);
          pm.expect(res.json()).to.deep.equal({ id: 7 });
          pm.expect(res).to.have.status(201);
          pm.expect(history.cookies.get('sid')).to.equal('abc');
        });
      });`,
      makeInput(),
      bridge,
    );
    expect(output.assertions).toEqual([{ name: 'callback', index: 0, skipped: false, passed: true }]);
    expect(bridge.sent).toEqual([
      {
        url: {
          raw: 'https://api.example.com/items',
          protocol: 'https',
          host: ['api', 'example', 'com'],
          path: ['items'],
        },
        method: 'POST',
        header: [{ key: 'Content-Type', value: 'application/json' }],
        body: { mode: 'raw', raw: '{"a":1}' },
      },
    ]);
  });

  it('returns a promise without a callback, rejecting with the transport error', async () => {
    const bridge = fakeBridge({
      respond: (request) =>
        String((request as { url: { raw: string } }).url.raw).includes('down')
          ? { error: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1' } }
          : { response: textResponse('fine') },
    });
    const { output } = await runScript(
      `pm.test('resolves', async () => {
         const res = await pm.sendRequest('https://up.example.com');
         pm.expect(res.text()).to.equal('fine');
       });
       pm.test('rejects', async () => {
         await pm.sendRequest('http://down.example.com');
       });
       pm.sendRequest('http://down.example.com', (err, res) => {
         pm.test('error callback', () => {
           pm.expect(err.message).to.equal('connect ECONNREFUSED 127.0.0.1:1');
           pm.expect(res.code).to.equal(undefined);
         });
       });
       pm.sendRequest('', (err) => pm.test('nothing', () => pm.expect(err.message).to.equal('sendrequest: nothing to request')));`,
      makeInput(),
      bridge,
    );
    const byName = Object.fromEntries(output.assertions.map((a) => [a.name, a.error?.message ?? 'passed']));
    expect(byName).toEqual({
      resolves: 'passed',
      rejects: 'connect ECONNREFUSED 127.0.0.1:1',
      'error callback': 'passed',
      nothing: 'passed',
    });
    expect(bridge.sent).toHaveLength(3);
  });
});

describe('pm.cookies', () => {
  it('lists the cookies given to the script', async () => {
    const input = makeInput({
      cookies: [
        { name: 'sid', value: 'a%20b', domain: 'example.com', path: '/', httpOnly: true },
        { name: 'theme', value: 'dark' },
      ],
    });
    const { output } = await runScript(
      `pm.test('cookies', () => {
        pm.expect(pm.cookies.get('sid')).to.equal('a b');
        pm.expect(pm.cookies.has('THEME')).to.be.true;
        pm.expect(pm.cookies.toObject()).to.deep.equal({ sid: 'a b', theme: 'dark' });
        pm.expect(pm.cookies.count()).to.equal(2);
        pm.expect(pm.cookies.one('sid').httpOnly).to.be.true;
        pm.expect(responseCookies.count()).to.equal(2);
        pm.expect(postman.getResponseCookie('theme').value).to.equal('dark');
        // Newman gives scripts the response without cookies: they are in pm.cookies only.
        pm.expect(pm.response.cookies.count()).to.equal(0);
      });`,
      input,
    );
    expect(output.assertions[0]?.error).toBeUndefined();
  });

  it('jar() goes through the bridge and checks arguments as Postman does', async () => {
    const bridge = fakeBridge({
      jar: (op) => {
        if (op === 'get') return { result: { name: 'sid', value: 'v%201' } };
        if (op === 'getAll')
          return {
            result: [
              { name: 'a', value: '1' },
              { name: 'b', value: '2' },
            ],
          };
        if (op === 'set') return { result: { name: 'n', value: 'v', domain: 'a.com' } };
        if (op === 'unset') return { error: 'store failure' };
        return {};
      },
    });
    const { output } = await runScript(
      `const jar = pm.cookies.jar();
       jar.get('https://a.com', 'sid', (err, value) => pm.test('get', () => pm.expect(value).to.equal('v 1')));
       jar.getAll('https://a.com', (err, list) => pm.test('getAll', () => pm.expect(list.toObject()).to.deep.equal({ a: '1', b: '2' })));
       jar.set('https://a.com', 'n', 'v', (err, cookie) => pm.test('set', () => pm.expect(cookie.domain).to.equal('a.com')));
       jar.unset('https://a.com', 'n', (err) => pm.test('unset', () => pm.expect(err.message).to.equal('store failure')));
       jar.clear(pm.request.url, (err) => pm.test('clear', () => pm.expect(err).to.equal(null)));
       pm.test('no callback', () => jar.get('https://a.com', 'x'));
       pm.test('bad url', () => jar.clear(''));
       pm.test('bad name', () => jar.unset('https://a.com', 5));`,
      makeInput(),
      bridge,
    );
    const byName = Object.fromEntries(output.assertions.map((a) => [a.name, a.error?.message ?? 'passed']));
    expect(byName).toEqual({
      get: 'passed',
      getAll: 'passed',
      set: 'passed',
      unset: 'passed',
      clear: 'passed',
      'no callback': 'CookieJar.get() requires a callback function',
      'bad url': 'CookieJar.clear() requires a valid url',
      'bad name': 'CookieJar.unset() requires cookie name to be a string',
    });
    expect(bridge.jarCalls).toEqual([
      { op: 'get', url: 'https://a.com', args: ['sid'] },
      { op: 'getAll', url: 'https://a.com', args: [{ http: true, secure: undefined }] },
      { op: 'set', url: 'https://a.com', args: [{ name: 'n', value: 'v' }] },
      { op: 'unset', url: 'https://a.com', args: ['n'] },
      { op: 'clear', url: 'https://api.example.com/things/1?x=1', args: [] },
    ]);
  });
});

describe('legacy globals', () => {
  it('warn once per name on first use during the synchronous part, as Newman 6.2 does', async () => {
    const bridge = fakeBridge();
    await runScript(
      `tests['a'] = true; tests['b'] = true;
       postman.setEnvironmentVariable('x', 1);
       const h = responseHeaders['Content-Type'];
       const body = responseBody;
       setTimeout(() => { environment.x; }, 1);`,
      makeInput(),
      bridge,
    );
    expect(bridge.console.calls).toEqual([
      { level: 'warn', args: ['Using "tests" is deprecated. Use "pm.test()" instead.'] },
      {
        level: 'warn',
        args: ['Using "postman.setNextRequest" is deprecated. Use "pm.execution.setNextRequest()" instead.'],
      },
      { level: 'warn', args: ['Using "responseHeaders" is deprecated. Use "pm.response.headers" instead.'] },
    ]);
  });

  it("are absent for scripts starting with 'use sandbox2'", () => {
    const execution = createExecution(
      makeInput({ code: "'use sandbox2';\npm.test('x', () => {});" }),
      fakeBridge(),
    );
    expect(Object.keys(execution.globals)).toEqual(['pm']);
    const legacy = createExecution(makeInput({ code: 'tests.a = 1;' }), fakeBridge());
    expect(Object.keys(legacy.globals).sort()).toEqual(
      [
        'data',
        'environment',
        'globals',
        'iteration',
        'pm',
        'postman',
        'request',
        'responseBody',
        'responseCode',
        'responseCookies',
        'responseHeaders',
        'responseTime',
        'tests',
      ].sort(),
    );
  });
});
