import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from './isolate.ts';
import { logText, recordingHost, scriptInput, textResponse } from './test-host.ts';
import type { Sandbox, ScriptSession } from './types.ts';

let sandbox: Sandbox;
let session: ScriptSession;

beforeAll(async () => {
  sandbox = await createSandbox();
  session = await sandbox.createSession();
});

afterAll(() => sandbox.dispose());

async function run(code: string, overrides = {}) {
  const host = recordingHost();
  const output = await session.execute(scriptInput(code, overrides), host);
  return { output, host, logs: logText(host) };
}

describe('require', () => {
  it('loads every library Newman offers, at the versions its sandbox ships', async () => {
    const { output, logs } = await run(`
      console.log(require('lodash').VERSION);
      console.log(require('moment').version);
      console.log(require('crypto-js').MD5('a').toString());
      const Ajv = require('ajv');
      console.log(new Ajv().validate({ type: 'number' }, 1));
      console.log(require('tv4').validate(1, { type: 'string' }));
      require('xml2js').parseString('<a>1</a>', (err, res) => console.log(JSON.stringify(res)));
      console.log(require('cheerio').load('<p class="x">hi</p>')('.x').text());
      console.log(require('uuid')().length, typeof require('uuid').v4);
      console.log(typeof require('chai').expect);
      console.log(require('atob')('aGk='), require('btoa')('hi'));
      console.log(JSON.stringify(require('csv-parse/lib/sync')('a,b\\n1,2')));
      console.log(require('buffer').Buffer.from('hi').toString('hex'));
      console.log(typeof require('events'), typeof require('util').format, typeof require('stream').Readable);
      console.log(require('url').parse('http://a.com/b?c=1').pathname, require('querystring').stringify({ a: 1 }));
      console.log(require('path').join('a', 'b'), typeof require('string_decoder').StringDecoder);
      console.log(typeof require('timers').setTimeout, require('punycode').toASCII('mañana.com'));
    `);
    expect(output.error).toBeUndefined();
    expect(logs).toEqual([
      '4.17.21',
      '2.30.1',
      '0cc175b9c0f1b6a831c399e269772661',
      'true',
      'false',
      '{"a":"1"}',
      'hi',
      '36 function',
      'function',
      'hi aGk=',
      '[["a","b"],["1","2"]]',
      '6869',
      'function function function',
      '/b a=1',
      'a/b function',
      'function xn--maana-pta.com',
    ]);
  });

  it('refuses modules that are not part of the sandbox', async () => {
    for (const name of [
      'crypto',
      'child_process',
      'lodash3',
      'postern-content-types',
      'isolated-vm',
      '../../package.json',
    ]) {
      const { output } = await run(`require(${JSON.stringify(name)})`);
      expect(output.error).toMatchObject({ name: 'Error', message: `Cannot find module '${name}'` });
    }
  });

  it('shares chai with pm.expect', async () => {
    const { logs } = await run('console.log(require("chai").expect === pm.expect)');
    expect(logs).toEqual(['true']);
  });
});

describe('legacy library globals', () => {
  it('provides _, CryptoJS, tv4, xml2Json, cheerio, atob, btoa and Buffer', async () => {
    const { logs, output } = await run(`
      console.log(_.VERSION, typeof _.pluck);
      console.log(CryptoJS.SHA256('a').toString().slice(0, 8));
      console.log(tv4.validate('x', { type: 'string' }));
      console.log(JSON.stringify(xml2Json('<r><a x="1">t</a></r>')));
      console.log(cheerio.load('<b>bold</b>')('b').text());
      console.log(atob(btoa('round')), Buffer.from('aGk=', 'base64').toString());
    `);
    expect(output.error).toBeUndefined();
    const values = logs.filter((l) => !l.startsWith('Using'));
    expect(values).toEqual([
      '3.10.2 function',
      'ca978112',
      'true',
      '{"r":{"a":{"_":"t","$":{"x":"1"}}}}',
      'bold',
      'round hi',
    ]);
  });

  it('warns once per script about deprecated globals, only while the script body runs', async () => {
    const { host } = await run(
      '_.map([1], (x) => x); _.map([2], (x) => x); setTimeout(() => CryptoJS.MD5("a"), 1);',
    );
    const warnings = host.logs.filter((l) => l.level === 'warn').map((l) => l.messages[0]);
    expect(warnings).toEqual([`Using "_" is deprecated. Use "require('lodash')" instead.`]);
  });

  it('has no legacy library globals in sandbox2 scripts', async () => {
    const { logs } = await run('"use sandbox2";\nconsole.log(typeof _, typeof CryptoJS, typeof Buffer)');
    expect(logs).toEqual(['undefined undefined function']);
  });

  it('parses JSON like Newman: BOM tolerated, JSONError with position on bad input', async () => {
    const { logs } = await run(`
      console.log(JSON.parse('\\ufeff{"a":1}').a);
      try { JSON.parse('<html>') } catch (e) { console.log(e.name, e.message.split('\\n')[0]) }
    `);
    expect(logs).toEqual(['1', "JSONError Unexpected token '<' at 1:1"]);
  });
});

describe('Sugar', () => {
  it('extends the native prototypes as Newman does (Sugar 1.3.9)', async () => {
    const { logs } = await run(`
      console.log([1, 2, 3].average(), ['a', 'b'].none('c'), 'a-beta'.camelize(), (56).ordinalize(), 'abc'.shift(5));
      let calls = 0; const once = (function () { calls++ }).once(); once(); once(); console.log(calls);
    `);
    expect(logs).toEqual(['2 true ABeta 56th fgh', '1']);
  });
});

describe('pm API integration', () => {
  it('validates a JSON schema with ajv loaded on demand', async () => {
    const { output } = await run(
      `pm.test('schema', () => pm.response.to.have.jsonSchema({ type: 'object', required: ['ok'] }));
       pm.test('bad schema', () => pm.response.to.have.jsonSchema({ type: 'array' }));`,
      { listen: 'test', response: textResponse('{"ok":true}') },
    );
    expect(output.assertions.map((a) => [a.name, a.passed])).toEqual([
      ['schema', true],
      ['bad schema', false],
    ]);
  });

  it('resolves dynamic variables through the host', async () => {
    const { logs } = await run('console.log(pm.variables.replaceIn("id={{$guid}}"))');
    expect(logs).toEqual(['id=00000000-0000-4000-8000-000000000000']);
  });
});
