/**
 * Postman's chai assertions (`pm.response.to.have.status(200)`, `.to.be.json`, `.jsonSchema(…)`),
 * with the exact names, checks and failure messages of chai-postman 2.0.1, the plugin Newman 6.2
 * loads. Request/response detection uses this API's own `Request`/`Response` classes.
 */
import * as chai from 'chai';
import { lodashGet, lodashHas } from './object-path.ts';
import { Request } from './request.ts';
import { Response } from './response.ts';

type AssertionThis = Chai.AssertionStatic;

const FIRST_LINE = /(.*?)\n.*/g;

const STATUS_CLASSES: Record<string, number> = {
  info: 1,
  success: 2,
  redirection: 3,
  clientError: 4,
  serverError: 5,
};

// chai-postman's table, including its quirks (`notAcceptable` expects reason 'Acceptable').
const STATUS_REASONS: Record<string, { statusCode: number; name: string }> = {
  accepted: { statusCode: 202, name: 'Accepted' },
  withoutContent: { statusCode: 204, name: 'No Content' },
  badRequest: { statusCode: 400, name: 'Bad Request' },
  unauthorised: { statusCode: 401, name: 'Unauthorised' },
  unauthorized: { statusCode: 401, name: 'Unauthorized' },
  forbidden: { statusCode: 403, name: 'Forbidden' },
  notFound: { statusCode: 404, name: 'Not Found' },
  notAcceptable: { statusCode: 406, name: 'Acceptable' },
  rateLimited: { statusCode: 429, name: 'Too Many Requests' },
};

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
 * Installs Postman's assertions on a chai instance (chai 4).
 * @example chai.use(postmanChaiPlugin)
 */
export function postmanChaiPlugin(chaiStatic: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  const Assertion = chaiStatic.Assertion;
  const isRequest = (v: unknown): boolean => v instanceof Request;
  const isResponse = (v: unknown): boolean => v instanceof Response;
  const requestOrResponse = (v: unknown): string | undefined =>
    isRequest(v) ? 'request' : isResponse(v) ? 'response' : undefined;
  // Evaluates a property assertion such as `.to.be.postmanResponse` (TypeScript does not know ours).
  const expectProperty = (obj: unknown, property: string): void => {
    void (new Assertion(obj).to.be as unknown as Record<string, unknown>)[property];
  };
  const expectResponse = (obj: unknown): void => expectProperty(obj, 'postmanResponse');
  const expectCode = (obj: { code?: unknown }): void => {
    expectResponse(obj);
    new Assertion(obj).to.have.property('code');
    new Assertion(obj.code).to.be.a('number');
  };
  const expectReasonAndDetails = (obj: { reason?: unknown; details?: unknown }): void => {
    new Assertion(obj).to.have.property('reason');
    new Assertion(obj.reason).to.be.a('function');
    new Assertion(obj).to.have.property('details');
    new Assertion(obj.details).to.be.a('function');
  };

  Assertion.addProperty('postmanRequest', function (this: AssertionThis) {
    this.assert(
      isRequest(this._obj),
      'expecting a postman request object but got #{this}',
      'not expecting a postman request object',
    );
  });

  Assertion.addProperty('postmanResponse', function (this: AssertionThis) {
    this.assert(
      isResponse(this._obj),
      'expecting a postman response object but got #{this}',
      'not expecting a postman response object',
    );
  });

  Assertion.addProperty('postmanRequestOrResponse', function (this: AssertionThis) {
    this.assert(
      isResponse(this._obj) || isRequest(this._obj),
      'expecting a postman request or response object but got #{this}',
      'not expecting a postman request or response object',
    );
  });

  const assertStatusClass = (self: AssertionThis, classCode: number): void => {
    expectCode(self._obj);
    const statusClass = Math.floor(self._obj.code / 100);
    self.assert(
      statusClass === classCode,
      'expected response code to be #{exp}XX but found #{act}',
      'expected response code to not be #{exp}XX',
      classCode,
      self._obj.code,
    );
  };

  Assertion.addMethod('statusCodeClass', function (this: AssertionThis, classCode: number) {
    assertStatusClass(this, classCode);
  });

  for (const [reason, classCode] of Object.entries(STATUS_CLASSES)) {
    Assertion.addProperty(reason, function (this: AssertionThis) {
      assertStatusClass(this, classCode);
    });
  }

  Assertion.addProperty('error', function (this: AssertionThis) {
    expectCode(this._obj);
    const statusClass = Math.floor(this._obj.code / 100);
    this.assert(
      statusClass === 4 || statusClass === 5,
      'expected response code to be 4XX or 5XX but found #{act}',
      'expected response code to not be 4XX or 5XX',
      null,
      this._obj.code,
    );
  });

  const assertCode = (self: AssertionThis, code: unknown): void => {
    self.assert(
      self._obj.code === Number(code),
      'expected response to have status code #{exp} but got #{act}',
      'expected response to not have status code #{act}',
      Number(code),
      self._obj.code,
    );
  };

  const assertReason = (self: AssertionThis, reason: unknown): void => {
    self.assert(
      self._obj.reason() === reason,
      'expected response to have status reason #{exp} but got #{act}',
      'expected response to not have status reason #{act}',
      reason,
      self._obj.reason(),
    );
  };

  Assertion.addMethod('statusCode', function (this: AssertionThis, code: unknown) {
    expectCode(this._obj);
    assertCode(this, code);
  });

  Assertion.addMethod('statusReason', function (this: AssertionThis, reason: unknown) {
    expectResponse(this._obj);
    new Assertion(this._obj).to.have.property('reason');
    new Assertion(this._obj.reason).to.be.a('function');
    assertReason(this, String(reason));
  });

  const assertNamedStatus = (self: AssertionThis, wantedReason: string, statusCode: number): void => {
    const actualReason = String(self._obj.reason()).toUpperCase();
    const actualStatusCode = Number(self._obj.details().code);
    self.assert(
      actualReason === wantedReason,
      'expected response to have status reason #{exp} but got #{act}',
      'expected response to not have status reason #{act}',
      wantedReason,
      actualReason,
    );
    self.assert(
      actualStatusCode === statusCode,
      'expected response to have status code #{exp} but got #{act}',
      'expected response to not have status code #{act}',
      statusCode,
      actualStatusCode,
    );
  };

  for (const [name, reason] of Object.entries(STATUS_REASONS)) {
    Assertion.addProperty(name, function (this: AssertionThis) {
      expectResponse(this._obj);
      expectReasonAndDetails(this._obj);
      assertNamedStatus(this, reason.name.toUpperCase(), reason.statusCode);
    });
  }

  // `ok` keeps chai's truthiness meaning for anything that is not a response.
  Assertion.addProperty('ok', function (this: AssertionThis) {
    if (!isResponse(this._obj)) {
      this.assert(
        utils.flag(this, 'object'),
        'expected #{this} to be truthy',
        'expected #{this} to be falsy',
      );
      return;
    }
    expectReasonAndDetails(this._obj);
    assertNamedStatus(this, 'OK', 200);
  });

  Assertion.addMethod('status', function (this: AssertionThis, codeOrReason: unknown) {
    expectResponse(this._obj);
    if (typeof codeOrReason === 'number') {
      new Assertion(this._obj).to.have.property('code');
      new Assertion(this._obj.code).to.be.a('number');
      assertCode(this, codeOrReason);
    } else {
      new Assertion(this._obj).to.have.property('reason');
      new Assertion(this._obj.reason).to.be.a('function');
      assertReason(this, codeOrReason);
    }
  });

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

let installed = false;

/**
 * The chai 4 instance with Postman's assertions installed (what `pm.expect` and `require('chai')` use).
 * @example getChai().expect(1).to.equal(1)
 */
export function getChai(): typeof chai {
  if (!installed) {
    chai.use(postmanChaiPlugin);
    // `pm.response.to…` / `pm.request.to…`: non-enumerable, so inspection and toJSON do not see it
    for (const target of [Request.prototype, Response.prototype]) {
      Object.defineProperty(target, 'to', {
        get(this: object) {
          return chai.expect(this).to;
        },
        configurable: true,
      });
    }
    installed = true;
  }
  return chai;
}
