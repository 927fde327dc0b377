/**
 * `pm.request.auth` (Postman's `RequestAuth`): the current `type` plus one parameter list per auth
 * type that has been used (`auth.bearer`, `auth.basic`…), each a `VariableList`.
 */
import type { AuthDefinition, AuthParam } from '@postern/collection';
import { VariableList } from './variable.ts';

const isValidType = (type: unknown): type is string => typeof type === 'string' && type !== 'type';

/**
 * Request authentication settings.
 * @example new RequestAuth({ type: 'bearer', bearer: [{ key: 'token', value: 't' }] }).parameters().get('token')
 */
export class RequestAuth {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(RequestAuth, 'name', { value: 'PostmanRequestAuth' });
  }

  type?: string;
  [paramsOfType: string]: unknown;

  constructor(options?: unknown) {
    const o = (options ?? {}) as Record<string, unknown>;
    if ('type' in o) this.use(o.type);
    for (const key of Object.keys(o)) {
      if (key === 'type') continue;
      this.update(o[key], key);
    }
  }

  #list(type: string): VariableList {
    const existing = this[type];
    if (existing instanceof VariableList) return existing;
    const list = new VariableList();
    this[type] = list;
    return list;
  }

  /** Sets parameters (an array of `{ key, value }` or a `{ key: value }` object) for a type. */
  update(options: unknown, type?: unknown): void {
    if (options === null || typeof options !== 'object') return;
    const target = type === undefined ? this.type : type;
    if (!isValidType(target)) return;
    RequestAuth.#apply(this.#list(target), options);
  }

  /** Switches to a type, optionally setting its parameters. */
  use(type: unknown, options?: unknown): void {
    if (!isValidType(type)) return;
    this.type = type;
    const list = this.#list(type);
    if (options !== undefined) RequestAuth.#apply(list, options);
  }

  static #apply(list: VariableList, options: unknown): void {
    if (Array.isArray(options) || options instanceof VariableList) list.assimilate(options);
    else list.syncFromObject(options, false);
  }

  parameters(): VariableList | undefined {
    return this.type ? (this[this.type] as VariableList | undefined) : undefined;
  }

  current(): never {
    throw new Error('`Request#current` has been discontinued, use `Request#parameters` instead.');
  }

  clear(type: unknown): void {
    if (!isValidType(type) || !(this[type] instanceof VariableList)) return;
    (this[type] as VariableList).clear();
    if (type !== this.type) delete this[type];
  }

  toJSON(): AuthDefinition {
    const out: AuthDefinition = { type: this.type ?? '' };
    for (const key of Object.keys(this)) {
      const value = this[key];
      if (value instanceof VariableList) {
        out[key] = value.members.map((v) => {
          const def = v.toJSON();
          // Postman's key order, which JSON.stringify(pm.request.auth) shows: type, value, key
          const param: Partial<AuthParam> = {};
          if (typeof def.type === 'string') param.type = def.type;
          if ('value' in def) param.value = def.value;
          param.key = def.key;
          return param as AuthParam;
        });
      }
    }
    return out;
  }
}
