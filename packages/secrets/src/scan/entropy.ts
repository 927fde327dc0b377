/** Measures of how random a value looks, used by the context rules. */

/**
 * Shannon entropy in bits per character.
 *
 * @example
 * shannonEntropy('aaaa'); // 0
 * shannonEntropy('abcd'); // 2
 */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many lower-case letters, upper-case letters, digits and other characters a value has. */
export interface CharacterClasses {
  lower: number;
  upper: number;
  digit: number;
  other: number;
}

/**
 * Counts the character classes of a value.
 *
 * @example
 * characterClasses('aB3!'); // { lower: 1, upper: 1, digit: 1, other: 1 }
 */
export function characterClasses(value: string): CharacterClasses {
  const classes = { lower: 0, upper: 0, digit: 0, other: 0 };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) classes.lower++;
    else if (c >= 65 && c <= 90) classes.upper++;
    else if (c >= 48 && c <= 57) classes.digit++;
    else classes.other++;
  }
  return classes;
}

/** The entropy a value of this length needs before a context rule reports it. */
export function requiredEntropy(length: number): number {
  if (length < 12) return 2.5;
  if (length < 20) return 2.9;
  return 3.2;
}
