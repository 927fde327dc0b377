/**
 * `{{name}}` substitution with Postman's rules: the innermost `{{…}}` (no braces inside) is replaced
 * first, passes repeat while anything matched (up to 19 passes, so `{{a_{{b}}}}` resolves), and an
 * unresolved reference stays literal.
 */

const VARIABLE_PATTERN = /\{\{([^{}]*?)}}/g;
const MAX_PASSES = 19;

/** Returns the replacement for a name, or undefined to keep `{{name}}` as written. */
export type VariableLookup = (name: string) => string | undefined;

/**
 * Replaces `{{name}}` references in a string.
 * @example substituteString('{{host}}/x', (n) => (n === 'host' ? 'a.com' : undefined)) // 'a.com/x'
 */
export function substituteString(template: string, lookup: VariableLookup): string {
  if (template.indexOf('{{') === -1) return template;
  let value = template;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let matched = false;
    value = value.replace(VARIABLE_PATTERN, (match, name: string) => {
      matched = true;
      const replacement = lookup(name);
      return replacement === undefined ? match : replacement;
    });
    if (!matched) break;
  }
  return value;
}

/**
 * Replaces references in every string inside a value (objects and arrays are copied, as Postman's
 * `replaceIn` returns a new object); other values are returned unchanged.
 * @example substituteDeep({ a: ['{{x}}'] }, lookup)
 */
export function substituteDeep(value: unknown, lookup: VariableLookup): unknown {
  if (typeof value === 'string') return substituteString(value, lookup);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      out[key] = substituteDeep((value as Record<string, unknown>)[key], lookup);
    return out;
  }
  return value;
}

/**
 * Converts a variable's value to the text substituted for it, as Postman's `Variable#toString`:
 * null → 'null', undefined → '', objects use their own `toString()`. Returns undefined for values
 * Postman would not substitute (e.g. a symbol).
 */
export function variableText(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value === undefined) return '';
  const text = typeof (value as { toString?: unknown }).toString === 'function' ? String(value) : undefined;
  return text;
}
