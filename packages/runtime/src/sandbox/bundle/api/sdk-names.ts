/**
 * postman-collection's class markers on this API's classes: `Url.isUrl(x)`,
 * `PropertyList.isPropertyList(x)` and the like test `x.constructor._postman_propertyName` up its
 * `super_` chain, so scripts that call them (through `require('postman-collection')`) on
 * `pm.request.url`, `pm.request.headers` or `pm.environment` get Newman's answers. Non-enumerable,
 * as nothing else reads them.
 */
import { Cookie, CookieList } from './cookies.ts';
import { Header, HeaderList } from './header.ts';
import { PropertyList } from './property-list.ts';
import { Description, Request } from './request.ts';
import { RequestAuth } from './request-auth.ts';
import { FormParam, RequestBody } from './request-body.ts';
import { Response } from './response.ts';
import { QueryParam, Url } from './url.ts';
import { Variable, VariableList } from './variable.ts';
import { VariableScope } from './variable-scope.ts';

const MARKED: Array<[object, string, object?]> = [
  [PropertyList, 'PropertyList'],
  [HeaderList, 'HeaderList', PropertyList],
  [CookieList, 'CookieList', PropertyList],
  [VariableList, 'VariableList', PropertyList],
  [Cookie, 'Cookie'],
  [Header, 'Header'],
  [Description, 'Description'],
  [Request, 'Request'],
  [RequestAuth, 'RequestAuth'],
  [FormParam, 'FormParam'],
  [RequestBody, 'RequestBody'],
  [Response, 'Response'],
  [QueryParam, 'QueryParam'],
  [Url, 'Url'],
  [Variable, 'Variable'],
  [VariableScope, 'VariableScope'],
];

for (const [cls, name, parent] of MARKED) {
  Object.defineProperty(cls, '_postman_propertyName', { value: name, configurable: true });
  if (parent) Object.defineProperty(cls, 'super_', { value: parent, configurable: true });
}
