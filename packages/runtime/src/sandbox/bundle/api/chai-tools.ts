/**
 * Shared pieces of the Postman chai assertions: the `this` type of assertion functions and the
 * guard checks chai-postman runs before each assertion (`to.be.postmanResponse`, `code` is a number…).
 */
import { Request } from './request.ts';
import { Response } from './response.ts';

export type AssertionThis = Chai.AssertionStatic;

/** Helpers bound to one chai instance. */
export interface ChaiTools {
  Assertion: Chai.AssertionStatic;
  utils: Chai.ChaiUtils;
  isRequest(value: unknown): boolean;
  isResponse(value: unknown): boolean;
  requestOrResponse(value: unknown): string | undefined;
  expectProperty(obj: unknown, property: string): void;
  expectResponse(obj: unknown): void;
  expectCode(obj: { code?: unknown }): void;
  expectReasonAndDetails(obj: { reason?: unknown; details?: unknown }): void;
}

/**
 * Builds the helpers for a chai instance.
 * @example const tools = createChaiTools(chai, chai.util)
 */
export function createChaiTools(chaiStatic: Chai.ChaiStatic, utils: Chai.ChaiUtils): ChaiTools {
  const Assertion = chaiStatic.Assertion;
  const isRequest = (v: unknown): boolean => v instanceof Request;
  const isResponse = (v: unknown): boolean => v instanceof Response;
  const requestOrResponse = (v: unknown): string | undefined =>
    isRequest(v) ? 'request' : isResponse(v) ? 'response' : undefined;
  // Evaluates a property assertion such as `.to.be.postmanResponse` (TypeScript does not know ours).
  const expectProperty = (obj: unknown, property: string): void => {
    void (new Assertion(obj).to.be as unknown as Record<string, unknown>)[property];
  };
  // Run as a chai assertion only when it fails (its message is chai's): a passing one has no
  // effect, and building chai assertions is most of what a status check costs
  const expectResponse = (obj: unknown): void => {
    if (!isResponse(obj)) expectProperty(obj, 'postmanResponse');
  };
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
  return {
    Assertion,
    utils,
    isRequest,
    isResponse,
    requestOrResponse,
    expectProperty,
    expectResponse,
    expectCode,
    expectReasonAndDetails,
  };
}
