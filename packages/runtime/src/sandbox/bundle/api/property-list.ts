/**
 * Postman's `PropertyList`: an ordered list of members (headers, query params, cookies, variables…)
 * indexed by a key, optionally case-insensitive and multi-valued. Scripts call these methods
 * directly (`pm.request.headers.upsert(...)`, `pm.response.headers.get(...)`), so names, argument
 * handling and return values follow postman-collection.
 */

/** What every list member offers. */
export interface ListMember {
  disabled?: boolean;
  valueOf(): unknown;
  toJSON(): unknown;
  update?(options: unknown): void;
}

/** How a list builds, recognises, indexes and prints its members. */
export interface ListSpec<T extends ListMember> {
  create(item: unknown, extra?: unknown): T;
  isMember(value: unknown): value is T;
  /** Name of the index field (`key`, or `name` for cookies). */
  indexKey: string;
  caseInsensitive: boolean;
  multiValue: boolean;
  /** Parses a string form (`'a: b\nc: d'`) into member definitions. */
  parse?(text: string): unknown[];
  unparse?(members: T[]): string;
  /** Drop members with an empty key in `toObject` (query params). */
  sanitizeKeys?: boolean;
  /** Accept `{ key: value }` objects in `populate` (headers). */
  populateFromObject?: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

type Predicate<T> = (member: T, index: number, members: T[]) => unknown;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function');

/** lodash's iteratee shorthands: a function, a `{ key: value }` matcher or a property name. */
function toPredicate<T>(rule: unknown, context?: unknown): Predicate<T> {
  if (typeof rule === 'function') {
    const fn = rule as (...args: unknown[]) => unknown;
    return isObject(context) ? (m, i, all) => fn.call(context, m, i, all) : (m, i, all) => fn(m, i, all);
  }
  if (isObject(rule)) {
    const entries = Object.entries(rule);
    return (member) => entries.every(([k, v]) => (member as Record<string, unknown>)[k] === v);
  }
  if (typeof rule === 'string') return (member) => Boolean((member as Record<string, unknown>)[rule]);
  return () => false;
}

/**
 * An ordered, keyed list of Postman properties.
 * @example new PropertyList(headerSpec, [{ key: 'A', value: '1' }]).get('a') // '1'
 */
export class PropertyList<T extends ListMember> {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(PropertyList, 'name', { value: 'PostmanPropertyList' });
  }

  members: T[] = [];
  readonly #spec: ListSpec<T>;

  constructor(spec: ListSpec<T>, items?: unknown) {
    this.#spec = spec;
    if (items !== undefined && items !== null) this.populate(items);
  }

  #keyOf(member: T): unknown {
    return (member as unknown as Record<string, unknown>)[this.#spec.indexKey];
  }

  #normalise(key: unknown): string {
    const text = String(key);
    return this.#spec.caseInsensitive ? text.toLowerCase() : text;
  }

  /** Members indexed under `key` (Postman only indexes members with a truthy key). */
  #matching(key: unknown): T[] {
    if (key === undefined || key === null) return [];
    const wanted = this.#normalise(key);
    return this.members.filter((m) => {
      const own = this.#keyOf(m);
      return Boolean(own) && this.#normalise(own) === wanted;
    });
  }

  /** Inserts a member (moved if already present), before another member when given. */
  insert(item: unknown, before?: unknown): void {
    if (!isObject(item)) return;
    const member = item as unknown as T;
    const existing = this.members.indexOf(member);
    if (existing > -1) this.members.splice(existing, 1);
    const at = before === undefined || before === null ? -1 : this.indexOf(before);
    if (at > -1) this.members.splice(at, 0, member);
    else this.members.push(member);
  }

  insertAfter(item: unknown, after: unknown): void {
    this.insert(item, this.idx(this.indexOf(after) + 1));
  }

  append(item: unknown): void {
    this.insert(item);
  }

  prepend(item: unknown): void {
    this.insert(item, this.idx(0));
  }

  /** Adds a member, converting a definition (or a `'Key: value'` string) into one. */
  add(item: unknown, extra?: unknown): void {
    if (item === null || item === undefined || Number.isNaN(item)) return;
    this.insert(this.#spec.isMember(item) ? item : this.#spec.create(item, extra));
  }

  /** Updates the member with the same key, or adds one. Returns true when added, false when updated. */
  upsert(item: unknown): boolean | null {
    if (item === null || item === undefined || Number.isNaN(item)) return null;
    const existing = isObject(item) ? this.one(item[this.#spec.indexKey]) : undefined;
    if (existing) {
      if (typeof existing.update !== 'function') {
        throw new Error('collection: unable to upsert into a list of Type that does not support .update()');
      }
      existing.update(item);
      return false;
    }
    this.add(item);
    return true;
  }

  /** Removes members by key, by reference, or by predicate. */
  remove(predicate: unknown, context?: unknown): void {
    let test: Predicate<T>;
    if (typeof predicate === 'string') {
      const wanted = this.#normalise(predicate);
      test = (m) => {
        const own = this.#keyOf(m);
        return own !== undefined && own !== null && this.#normalise(own) === wanted;
      };
    } else if (this.#spec.isMember(predicate)) {
      test = (m) => m === predicate;
    } else if (typeof predicate === 'function') {
      test = toPredicate<T>(predicate, context ?? this);
    } else return;
    const all = this.members;
    const kept: T[] = [];
    for (let i = 0; i < all.length; i++) if (!test(all[i]!, i, all)) kept.push(all[i]!);
    this.members = kept;
  }

  clear(): void {
    this.members = [];
  }

  /** Adds one item, an array of items, or a string the member type can parse. */
  populate(items: unknown): void {
    let list = items;
    if (typeof list === 'string' && this.#spec.parse) list = this.#spec.parse(list);
    if (Array.isArray(list)) for (const item of list) this.add(item);
    else if (this.#spec.populateFromObject && isPlainObject(list)) {
      // `{ 'Content-Type': 'text/plain' }`: each entry is `create(value, key)`
      for (const [key, value] of Object.entries(list)) this.add(value, key);
    } else this.add(list);
  }

  repopulate(items: unknown): void {
    this.clear();
    this.populate(items);
  }

  /** Upserts every member of `source`; with `prune`, removes members `source` does not have. */
  assimilate(source: unknown, prune?: boolean): void {
    const items = source instanceof PropertyList ? (source.members as unknown[]) : source;
    if (!Array.isArray(items)) return;
    const keys = new Set<string>();
    for (const item of items) {
      if (!isObject(item) || !(this.#spec.indexKey in item)) continue;
      this.upsert(item);
      keys.add(String(item[this.#spec.indexKey]));
    }
    if (prune) this.members = this.members.filter((m) => keys.has(String(this.#keyOf(m))));
  }

  all(): T[] {
    return this.members.slice();
  }

  /** The member indexed under `key` (the last one added, for multi-valued lists). */
  one(key: unknown): T | undefined {
    const found = this.#matching(key);
    return found[found.length - 1];
  }

  /** The value of the member indexed under `key`. */
  get(key: unknown): unknown {
    const member = this.one(key);
    return member ? member.valueOf() : undefined;
  }

  each(iterator: unknown, context?: unknown): void {
    if (typeof iterator !== 'function') return;
    const fn = iterator as (member: T, index: number, members: T[]) => unknown;
    const members = this.members;
    for (let i = 0; i < members.length; i++) {
      if (fn.call(context, members[i]!, i, members) === false) break;
    }
  }

  filter(rule: unknown, context?: unknown): T[] {
    return this.members.filter(toPredicate<T>(rule, context));
  }

  find(rule: unknown, context?: unknown): T | undefined {
    return this.members.find(toPredicate<T>(rule, context));
  }

  map<R>(iterator: (member: T, index: number, members: T[]) => R, context?: unknown): R[] {
    return this.members.map((m, i, all) => iterator.call(context ?? this, m, i, all));
  }

  reduce<R>(
    iterator: (acc: R, member: T, index: number, members: T[]) => R,
    accumulator: R,
    context?: unknown,
  ): R {
    return this.members.reduce(
      (acc, m, i, all) => iterator.call(context ?? this, acc, m, i, all),
      accumulator,
    );
  }

  count(): number {
    return this.members.length;
  }

  idx(index: number): T | undefined {
    return this.members[index];
  }

  indexOf(item: unknown): number {
    const member = typeof item === 'string' ? this.one(item) : item;
    return this.members.indexOf(member as T);
  }

  /** Whether a key (or member) exists; with a value, whether one of its values equals it. */
  has(item: unknown, ...value: unknown[]): boolean {
    if (typeof item !== 'string') {
      const found = this.members.filter((m) => m === item);
      if (value.length === 0) return found.length > 0;
      return found.some((m) => m.valueOf() === value[0]);
    }
    const found = this.#matching(item);
    if (found.length === 0) return false;
    if (value.length === 0) return true;
    if (this.#spec.multiValue) return found.some((m) => m.valueOf() === value[0]);
    return found[found.length - 1]!.valueOf() === value[0];
  }

  /** No parents inside the sandbox. */
  eachParent(): void {}

  /** `{ key: value }`; case-insensitive lists lower-case keys unless `caseSensitive`. */
  toObject(
    excludeDisabled?: boolean,
    caseSensitive?: boolean,
    multiValue?: boolean,
    sanitizeKeys?: boolean,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const sensitive = !this.#spec.caseInsensitive || caseSensitive;
    const multi = this.#spec.multiValue || multiValue;
    const sanitize = this.#spec.sanitizeKeys || sanitizeKeys;
    for (const member of this.members) {
      const record = member as unknown as Record<string, unknown>;
      if (!member || !Object.hasOwn(record, this.#spec.indexKey)) continue;
      if (excludeDisabled && member.disabled) continue;
      const key = record[this.#spec.indexKey];
      if (sanitize && !key) continue;
      const prop = sensitive ? String(key) : String(key).toLowerCase();
      if (multi && Object.hasOwn(out, prop)) {
        const current = out[prop];
        if (Array.isArray(current)) current.push(member.valueOf());
        else out[prop] = [current, member.valueOf()];
      } else out[prop] = member.valueOf();
    }
    return out;
  }

  /**
   * The list as text, for member types that can unparse a list (headers, query params, cookies).
   * For the others postman-collection's `toString` calls itself until the stack overflows.
   */
  toString(): string {
    if (this.#spec.unparse) return this.#spec.unparse(this.members);
    throw new RangeError('Maximum call stack size exceeded');
  }

  toJSON(): unknown[] {
    return this.members.map((m) => m.toJSON());
  }
}

/** Copies own fields whose values are defined (Postman's `toJSON` drops undefined fields). */
export function definedFields(source: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
