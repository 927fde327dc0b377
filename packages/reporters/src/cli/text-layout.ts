/** Console text layout shared by the CLI reporter: terminal width, wrapping and value inspection. */
import { createRequire } from 'node:module';

/** node:util, loaded when a script first logs something (most runs never do). */
let inspect: typeof import('node:util').inspect | undefined;

/** Newman's wrapping width: terminal columns (when a TTY wider than 20, outside CI) or 60, minus 6. */
export function terminalWidth(stdout: NodeJS.WritableStream): number {
  const tty = stdout as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  const usable = tty.isTTY === true && !process.env.CI && (tty.columns ?? 0) > 20;
  return usable ? (tty.columns ?? 60) : 60;
}

/**
 * Cuts text into lines of at most `width` characters, dropping empty lines, like word-wrap with
 * `cut: true` as Newman uses it.
 *
 * @example
 * cutLines('abcdef\n\nxy', 4); // ['abcd', 'ef', 'xy']
 */
export function cutLines(text: string, width: number): string[] {
  return text.match(new RegExp(`.{1,${Math.max(1, width)}}`, 'gu')) ?? [];
}

/**
 * `console.log` arguments as Newman shows them: each inspected (strings quoted), joined by `, `.
 *
 * @example
 * inspectMessages(['hello', { a: 1 }], 44); // "'hello', { a: 1 }"
 */
export function inspectMessages(messages: readonly unknown[], breakLength: number): string {
  const options = { depth: 25, maxArrayLength: 100, colors: false, breakLength };
  inspect ??= (createRequire(import.meta.url)('node:util') as typeof import('node:util')).inspect;
  const show = inspect;
  return messages.map((message) => show(message, options)).join(', ');
}

export interface ContentInfo {
  contentType: string;
  mimeType: string;
  mimeFormat: string;
  charset: string;
}

/**
 * A response's content description for verbose output (`application/json ★ text ★ json ★ utf8`).
 *
 * @example
 * contentInfo('application/json; charset=utf-8').mimeFormat; // 'json'
 */
export function contentInfo(contentTypeHeader: string | undefined): ContentInfo {
  const contentType = contentTypeHeader?.split(';')[0]?.trim().toLowerCase() || 'text/plain';
  const charset =
    /charset=([^;]+)/i
      .exec(contentTypeHeader ?? '')?.[1]
      ?.trim()
      .toLowerCase() ?? 'utf8';
  const [type = '', subtype = ''] = contentType.split('/');
  const textual = (format: string): ContentInfo => ({
    contentType,
    mimeType: 'text',
    mimeFormat: format,
    charset,
  });
  if (/json/.test(subtype)) return textual('json');
  if (/xml/.test(subtype)) return textual('xml');
  if (/html/.test(subtype)) return textual('html');
  if (/javascript|ecmascript/.test(subtype)) return textual('script');
  if (type === 'text') return textual(subtype === 'css' ? 'css' : 'plain');
  if (type === 'image' || type === 'audio' || type === 'video') {
    return { contentType, mimeType: type, mimeFormat: type, charset };
  }
  return { contentType, mimeType: 'unknown', mimeFormat: 'raw', charset };
}
