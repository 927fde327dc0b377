/**
 * chai-postman's content assertions: `header`, `body`, `withBody`, `json`, `jsonBody`,
 * `responseTime`, `responseSize` and `jsonSchema` (Ajv comes from the engine's `require`).
 */
import type { AssertionThis, ChaiTools } from './chai-tools.ts';
import { lodashGet, lodashHas } from './object-path.ts';

const FIRST_LINE = /(.*?)\n.*/g;

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
};

/** The JSON parse failure text chai-postman reports (first line of a JSONError). */
function parseErrorText(error: unknown): string {
  const e = error as { name?: string; message?: string };
  if (e && e.name === 'JSONError' && e.message) return e.message.replace(FIRST_LINE, '$1');
  return `${e?.name}: ${e?.message}`;
}

type AjvInstance = {
  validate(schema: unknown, data: unknown): boolean;
  errors?: unknown;
  errorsText(): string;
};
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

/** Ajv comes from the engine's `require('ajv')`, looked up only when `jsonSchema` is used. */
function loadAjv(): AjvConstructor {
  const requireFn = (globalThis as { require?: (name: string) => unknown }).require;
  if (typeof requireFn !== 'function') throw new Error('jsonSchema: the ajv library is not available');
  const mod = requireFn('ajv') as AjvConstructor | { default?: AjvConstructor };
  const Ajv = typeof mod === 'function' ? mod : mod.default;
  if (typeof Ajv !== 'function') throw new Error('jsonSchema: the ajv library is not available');
  return Ajv;
}

/**
 * Installs the content assertions.
 * @example installContentAssertions(createChaiTools(chai, chai.util))
 */
export function installContentAssertions(tools: ChaiTools): void {
  const { Assertion, utils, isResponse, requestOrResponse, expectProperty, expectResponse } = tools;

  Assertion.addMethod('header', function (this: AssertionThis, ...args: unknown[]) {
    const [headerKey, headerValue] = args;
    expectProperty(this._obj, 'postmanRequestOrResponse');
    new Assertion(this._obj).to.have.property('headers');
    const ror = requestOrResponse(this._obj);
    const key = String(headerKey);
    this.assert(
      this._obj.headers.has(headerKey),
      `expected ${ror} to have header with key '${key}'`,
      `expected ${ror} to not have header with key '${key}'`,
      true,
      this._obj.headers.has(headerKey),
    );
    if (args.length < 2) return;
    this.assert(
      this._obj.headers.one(headerKey).value === headerValue,
      `expected '${key}' ${ror} header to be #{exp} but got #{act}`,
      `expected '${key}' ${ror} header to not be #{act}`,
      headerValue,
      this._obj.headers.one(headerKey).value,
    );
  });

  Assertion.addProperty('withBody', function (this: AssertionThis) {
    expectResponse(this._obj);
    new Assertion(this._obj).to.have.property('text');
    new Assertion(this._obj.text).to.be.a('function');
    const bodyText = this._obj.text();
    this.assert(
      typeof bodyText === 'string' && bodyText.length,
      'expected response to have content in body',
      'expected response to not have content in body',
    );
  });

  Assertion.addProperty('json', function (this: AssertionThis) {
    expectResponse(this._obj);
    new Assertion(this._obj).to.have.property('json');
    new Assertion(this._obj.json).to.be.a('function');
    let parseError: string | undefined;
    try {
      this._obj.json();
    } catch (e) {
      parseError = parseErrorText(e);
    }
    this.assert(
      !parseError,
      'expected response body to be a valid json but got error ' + parseError,
      'expected response body not to be a valid json',
    );
  });

  Assertion.addMethod('body', function (this: AssertionThis, ...args: unknown[]) {
    const content = args[0];
    expectResponse(this._obj);
    if (isPlainObject(content)) {
      new Assertion(this._obj).to.have.property('json');
      new Assertion(this._obj.json).to.be.a('function');
      let bodyData: unknown;
      try {
        bodyData = this._obj.json();
      } catch {
        // a body that is not JSON simply does not equal the object
      }
      this.assert(
        utils.eql(bodyData, content),
        'expected response body json to equal #{exp} but got #{act}',
        'expected response body json to not equal #{exp} but got #{act}',
        content,
        bodyData,
      );
      return;
    }
    new Assertion(this._obj).to.have.property('text');
    new Assertion(this._obj.text).to.be.a('function');
    const bodyData = this._obj.text();
    if (args.length === 0) {
      this.assert(
        typeof bodyData === 'string' && bodyData.length,
        'expected response to have content in body',
        'expected response to not have content in body',
      );
      return;
    }
    if (content instanceof RegExp) {
      this.assert(
        content.exec(bodyData) !== null,
        'expected response body text to match #{exp} but got #{act}',
        'expected response body text #{act} to not match #{exp}',
        content,
        bodyData,
      );
      return;
    }
    this.assert(
      utils.eql(bodyData, content),
      'expected response body to equal #{exp} but got #{act}',
      'expected response body to not equal #{exp}',
      content,
      bodyData,
    );
  });

  Assertion.addMethod('jsonBody', function (this: AssertionThis, ...args: unknown[]) {
    const [path, value] = args;
    expectResponse(this._obj);
    new Assertion(this._obj).to.have.property('json');
    new Assertion(this._obj.json).to.be.a('function');
    let jsonBody: unknown;
    let parseError: string | undefined;
    try {
      jsonBody = this._obj.json();
    } catch (e) {
      parseError = parseErrorText(e);
    }
    if (args.length === 0) {
      this.assert(
        !parseError,
        'expected response body to be a valid json but got error ' + parseError,
        'expected response body not to be a valid json',
      );
      return;
    }
    if (typeof path !== 'string') return;
    this.assert(
      lodashHas(jsonBody, path),
      'expected #{act} in response to contain property #{exp}',
      'expected #{act} in response to not contain property #{exp}',
      path,
      jsonBody,
    );
    if (args.length > 1) {
      const atPath = lodashGet(jsonBody, path);
      this.assert(
        utils.eql(atPath, value),
        `expected response body json at "${path}" to contain #{exp} but got #{act}`,
        `expected response body json at "${path}" to not contain #{exp} but got #{act}`,
        value,
        atPath,
      );
    }
  });

  Assertion.addChainableMethod(
    'responseTime',
    function (this: AssertionThis, ...args: unknown[]) {
      const time = utils.flag(this, 'number');
      this.assert(
        typeof time === 'number',
        'expected response to have a valid response time but got #{act}',
        'expected response to not have a valid response time but got #{act}',
        null,
        time,
      );
      if (args.length) {
        this.assert(
          utils.eql(time, args[0]),
          'expected response to have a valid response time but got #{act}',
          'expected response to not have a valid response time but got #{act}',
          null,
          time,
        );
      }
    },
    function (this: AssertionThis) {
      expectResponse(this._obj);
      new Assertion(this._obj).to.have.property('responseTime');
      utils.flag(this, 'number', this._obj.responseTime);
      this._obj = this._obj?.responseTime;
    } as () => void,
  );

  Assertion.addChainableMethod(
    'responseSize',
    function (this: AssertionThis, ...args: unknown[]) {
      const size = utils.flag(this, 'number');
      this.assert(
        typeof size === 'number',
        'expected response to have a valid response size but got #{act}',
        'expected response to not have a valid response size but got #{act}',
        null,
        size,
      );
      if (args.length) {
        this.assert(
          utils.eql(size, args[0]),
          'expected response size to equal #{act} but got #{exp}',
          'expected response size to not equal #{act} but got #{exp}',
          args[0],
          size,
        );
      }
    },
    function (this: AssertionThis) {
      expectResponse(this._obj);
      new Assertion(this._obj).to.have.property('size');
      new Assertion(this._obj.size).to.be.a('function');
      const size = this._obj.size();
      const total = (size.header || 0) + (size.body || 0);
      utils.flag(this, 'number', total);
      this._obj = total;
    } as () => void,
  );

  Assertion.addMethod('jsonSchema', function (this: AssertionThis, schema: unknown, options?: unknown) {
    new Assertion(schema).to.be.an('object');
    const ajvOptions = {
      allErrors: true,
      logger: false,
      ...(options as Record<string, unknown> | undefined),
    };
    const data = isResponse(this._obj) ? this._obj.json() : this._obj;
    const Ajv = loadAjv();
    const ajv = new Ajv(ajvOptions);
    const valid = ajv.validate(schema, data);
    this.assert(
      valid && !ajv.errors,
      'expected data to satisfy schema but found following errors: \n' + ajv.errorsText(),
      'expected data to not satisfy schema',
      true,
      valid,
    );
  });
}
