/**
 * chai-postman's status assertions: `status(code|reason)`, `statusCode`, `statusReason`,
 * `statusCodeClass`, the class properties (`success`, `clientError`…), the named ones (`ok`,
 * `notFound`…) and `error`, with its exact messages.
 */
import type { AssertionThis, ChaiTools } from './chai-tools.ts';

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

/**
 * Installs the status assertions.
 * @example installStatusAssertions(createChaiTools(chai, chai.util))
 */
export function installStatusAssertions(tools: ChaiTools): void {
  const { Assertion, utils, isResponse, expectResponse, expectCode, expectReasonAndDetails } = tools;

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
      // The nested assertions only matter when they fail (for their message): build them only then.
      // chai's property check is `name in Object(obj)`, and a primitive number is type 'number'.
      const obj: unknown = this._obj;
      if (obj === null || obj === undefined || !('code' in Object(obj)))
        new Assertion(this._obj).to.have.property('code');
      if (typeof this._obj.code !== 'number') new Assertion(this._obj.code).to.be.a('number');
      assertCode(this, codeOrReason);
    } else {
      new Assertion(this._obj).to.have.property('reason');
      new Assertion(this._obj.reason).to.be.a('function');
      assertReason(this, codeOrReason);
    }
  });
}
