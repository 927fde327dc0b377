// Build-time generator (run by build-targets.mjs, never bundled itself) of the sandbox library
// `postern-content-types`: the rules of postman-collection's `Response#contentInfo()`
// (content-types.ts) with the data they need, taken from the very modules postman-collection's
// contentInfo calls, resolved from its own folder so the versions are the ones Newman runs
// (postman-collection 4.4.0: mime-types 2.1.35 on mime-db 1.52.0, mime-format 2.0.1, file-type 3.9.0):
//
// - `extensions`: mime-types' `extension(type)` is `extensions[type][0]` (mime-db's first extension);
//   965 of mime-db's 2,279 types have one. Packed as one line per top-level type,
//   `top sub sub=ext …` (`sub` alone when the extension equals the subtype): 18 kB instead of 180.
// - `formats`: mime-format's db entries that its `guess()` rules would not produce anyway: a dozen
//   of its 442 entries.
// - `sniff`: file-type itself (what the SDK does for a response without Content-Type), bundled as is.
//
// Why a lazily loaded library, see content-info.ts.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const sdkRequire = createRequire(
  createRequire(import.meta.url).resolve('postman-collection/lib/content-info/index.js'),
);

/**
 * The library's data, as plain values.
 * @example contentTypeData().formats['application/pdf'] // ['embed', 'pdf']
 */
export function contentTypeData() {
  const mimeTypes = sdkRequire('mime-types');
  const mimeFormat = sdkRequire('mime-format');
  const formatDb = createRequire(sdkRequire.resolve('mime-format'))('./db.json');

  /** @type {Map<string, string[]>} */
  const groups = new Map();
  for (const [type, extensions] of Object.entries(mimeTypes.extensions)) {
    const slash = type.indexOf('/');
    const top = type.slice(0, slash);
    const sub = type.slice(slash + 1);
    const extension = extensions[0];
    if (!/^[a-z0-9.+_-]+$/.test(top) || !/^[a-z0-9.+_-]+$/.test(sub) || !/^[a-z0-9_-]+$/.test(extension))
      throw new Error(`content types: cannot pack ${type} → ${extension}`);
    let list = groups.get(top);
    if (!list) {
      list = [];
      groups.set(top, list);
    }
    list.push(sub === extension ? sub : `${sub}=${extension}`);
  }
  const extensions = [...groups].map(([top, list]) => [top, ...list].join(' ')).join('\n');

  /** @type {Record<string, [string, string]>} */
  const formats = {};
  for (const [type, { type: mime, format }] of Object.entries(formatDb)) {
    const guessed = mimeFormat.guess(type);
    if (guessed.type !== mime || guessed.format !== format) formats[type] = [mime, format];
  }
  return { extensions, formats };
}

/** The library's CommonJS source, bundled by esbuild like the other sandbox libraries. */
export default function librarySource() {
  const rules = fileURLToPath(new URL('./content-types.ts', import.meta.url));
  const data = contentTypeData();
  return [
    `const { createContentInfo } = require(${JSON.stringify(rules)});`,
    `const data = ${JSON.stringify(data)};`,
    `data.sniff = require(${JSON.stringify(sdkRequire.resolve('file-type'))});`,
    'module.exports = { contentInfo: createContentInfo(data) };',
  ].join('\n');
}
