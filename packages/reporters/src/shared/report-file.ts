/** Where file reporters write (Newman's `--reporter-<name>-export` rules) and how they write it. */
import { createWriteStream, mkdirSync, statSync, type WriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Newman's default report name: `newman-run-report-<ISO timestamp digits>-0.<ext>`.
 *
 * @example
 * defaultReportName('json', new Date('2024-01-02T03:04:05.678Z'));
 * // 'newman-run-report-2024-01-02-03-04-05-678-0.json'
 */
export function defaultReportName(extension: string, date: Date): string {
  return `newman-run-report-${date.toISOString().replace(/[^\d]+/g, '-')}0.${extension}`;
}

/**
 * Resolves the export path: the option relative to `cwd` (an existing folder gets the default name
 * inside it), else `newman/<default name>` under `cwd`, as Newman does.
 *
 * @example
 * resolveReportPath({ exportOption: undefined, extension: 'xml', cwd: '/w', now: new Date(0) });
 * // '/w/newman/newman-run-report-1970-01-01-00-00-00-000-0.xml'
 */
export function resolveReportPath(args: {
  exportOption: string | undefined;
  extension: string;
  cwd: string;
  now: Date;
}): string {
  const name = defaultReportName(args.extension, args.now);
  if (!args.exportOption) return join(args.cwd, 'newman', name);
  const target = resolve(args.cwd, args.exportOption);
  return isDirectory(target) ? join(target, name) : target;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Opens the report for writing, creating its folder. */
export function openReportFile(path: string): WriteStream {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { encoding: 'utf8' });
}

/** Writes text, waiting for the stream to drain when its buffer is full. */
export async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((done) => stream.once('drain', done));
}

/** Ends the stream and waits until the file is complete (or fails). */
export function finishFile(stream: WriteStream): Promise<void> {
  return new Promise((done, fail) => {
    stream.once('error', fail);
    stream.end(() => done());
  });
}
