/**
 * Postman's `Header` and header lists (case-insensitive keys, several values per key), used by
 * `pm.request.headers` and `pm.response.headers`.
 */
import type { HeaderDefinition } from '@postern/collection';
import { type ListSpec, PropertyList } from './property-list.ts';

/**
 * One header.
 * @example new Header('Accept: *\/*').key // 'Accept'
 * @example new Header('text/plain', 'Content-Type').value // 'text/plain'
 */
export class Header {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(Header, 'name', { value: 'PostmanHeader' });
  }

  key!: string;
  value!: string;
  declare disabled?: boolean;
  declare system?: boolean;
  declare description?: unknown;

  constructor(options?: unknown, name?: unknown) {
    let definition = options;
    if (typeof options === 'string') {
      definition = typeof name === 'string' ? { key: name, value: options } : parseHeaderLine(options);
    }
    this.update(definition);
  }

  update(options: unknown): void {
    const o = (options ?? {}) as Record<string, unknown>;
    this.key = (o.key as string) || '';
    this.value = 'value' in o && o.value !== undefined ? (o.value as string) : '';
    if ('system' in o) this.system = o.system as boolean;
    if ('disabled' in o) this.disabled = o.disabled as boolean;
    if ('description' in o) this.description = o.description;
  }

  valueOf(): string {
    return this.value;
  }

  toString(): string {
    return `${this.key}: ${this.value}`;
  }

  toJSON(): HeaderDefinition {
    const out: HeaderDefinition = { key: this.key, value: this.value };
    if (this.disabled !== undefined) out.disabled = this.disabled;
    if (this.system !== undefined) (out as unknown as Record<string, unknown>).system = this.system;
    if (this.description !== undefined) out.description = this.description;
    return out;
  }
}

/** `'Key: value'` → `{ key, value }` (both trimmed). */
export function parseHeaderLine(line: string): { key: string; value: string } {
  let index = line.indexOf(':');
  if (index < 0) index = line.length;
  return { key: line.slice(0, index).trim(), value: line.slice(index + 1).trim() };
}

/** A header block (`'A: 1\r\nB: 2'`) → definitions; folded lines are joined. */
export function parseHeaderBlock(block: string): Array<{ key: string; value: string }> {
  const text = String(block).replace(/\r\n([ \t])/g, '$1');
  const out: Array<{ key: string; value: string }> = [];
  for (const match of text.matchAll(/^(\S+):(.*)$/gm)) {
    out.push({ key: match[1]!, value: match[2]!.replace(/^\s*(.*\S)?\s*$/, '$1') });
  }
  return out;
}

/** `Key: value\r\n` for each enabled header. */
export function unparseHeaders(headers: ReadonlyArray<Header>, separator = '\r\n'): string {
  let out = '';
  for (const h of headers) if (h && !h.disabled) out += `${h.key}: ${h.value}${separator}`;
  return out;
}

export const headerSpec: ListSpec<Header> = {
  create: (item, name) => new Header(item, name),
  isMember: (value): value is Header => value instanceof Header,
  indexKey: 'key',
  caseInsensitive: true,
  multiValue: true,
  parse: parseHeaderBlock,
  unparse: (members) => unparseHeaders(members),
  populateFromObject: true,
};

/**
 * A header list with Postman's `contentSize()`.
 * @example new HeaderList([{ key: 'A', value: '1' }]).get('a') // '1'
 */
export class HeaderList extends PropertyList<Header> {
  // Postman's constructor name: chai's failure messages print it (and minifiers would rename).
  static {
    Object.defineProperty(HeaderList, 'name', { value: 'HeaderList' });
  }

  constructor(items?: unknown) {
    super(headerSpec, items);
  }

  /** Bytes of the header block as Postman counts them for `size()`. */
  contentSize(): number {
    return this.count() ? unparseHeaders(this.members).length : 0;
  }
}
