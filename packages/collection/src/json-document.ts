import { CollectionError } from './errors.ts';

/**
 * Decodes a file's bytes as Newman reads collection, environment and data files: UTF-8 by
 * default, UTF-16 (LE or BE) when the file starts with that byte-order mark. A UTF-8 BOM is kept
 * here; `parseJsonDocument` and `parseIterationData` skip it.
 *
 * @example decodeDocument(readFileSync('env.json'))
 */
export function decodeDocument(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * `JSON.parse` that ignores a leading byte-order mark and surrounding whitespace, and reports
 * failures as a `CollectionError` naming what was being read.
 *
 * @example parseJsonDocument(text, 'environment') // → unknown
 */
export function parseJsonDocument(text: string, what = 'document'): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json.trim());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CollectionError(`the ${what} is not valid JSON: ${reason}`);
  }
}
