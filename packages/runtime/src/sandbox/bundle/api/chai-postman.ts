/**
 * Postman's chai assertions (`pm.response.to.have.status(200)`, `.to.be.json`, `.jsonSchema(…)`),
 * with the exact names, checks and failure messages of chai-postman 2.0.1, the plugin Newman 6.2
 * loads. Request/response detection uses this API's own `Request`/`Response` classes.
 */
import * as chai from 'chai';
import { installContentAssertions } from './chai-content.ts';
import { installStatusAssertions } from './chai-status.ts';
import { type AssertionThis, createChaiTools } from './chai-tools.ts';
import { Request } from './request.ts';
import { ScriptResponse } from './response.ts';

/**
 * Installs Postman's assertions on a chai instance (chai 4).
 * @example chai.use(postmanChaiPlugin)
 */
export function postmanChaiPlugin(chaiStatic: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  const tools = createChaiTools(chaiStatic, utils);
  const { Assertion, isRequest, isResponse } = tools;

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

  installStatusAssertions(tools);
  installContentAssertions(tools);
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
    for (const target of [Request.prototype, ScriptResponse.prototype]) {
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
