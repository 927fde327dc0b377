/**
 * `--verbose` request/response details, in Newman's layout:
 *
 *   200 OK ★ 14ms time ★ 242B↑ 174B↓ size ★ 8↑ 5↓ headers ★ 0 cookies
 *   ┌ ↑ raw ★ 7B
 *   │ {"x":1}
 *   └
 *   ┌ ↓ application/json ★ text ★ json ★ utf8 ★ 19B
 *   │ {"url":"/a"}
 *   └
 *
 * Newman also prints a per-phase timing table; run events carry no phase timings, so it is omitted.
 */
import type { ReceivedResponse, SentRequest } from '@postern/runtime';
import { formatBytes, formatDuration } from '../shared/format.ts';
import { requestBodySize, requestTotalSize, responseTotalSize } from '../shared/http-size.ts';
import type { Palette } from './palette.ts';
import type { CliSymbols } from './symbols.ts';
import { contentInfo, cutLines } from './text-layout.ts';

const BODY_CLIP_SIZE = 2048;

export interface VerboseLayout {
  paint: Palette;
  symbols: CliSymbols;
  /** Wrapping width for bodies. */
  width: number;
  redact: (text: string) => string;
}

/**
 * The verbose block printed after the request line, ending with a newline.
 *
 * @example
 * verboseExchange(request, response, layout); // ' \n  200 OK ★ 14ms time ★ …'
 */
export function verboseExchange(
  request: SentRequest,
  response: ReceivedResponse,
  layout: VerboseLayout,
): string {
  const { paint, symbols } = layout;
  const star = ` ${paint.gray(symbols.star)} `;
  const up = paint.gray(symbols.up);
  const down = paint.gray(symbols.down);
  const cookies = response.headers.filter((h) => h.key.toLowerCase() === 'set-cookie').length;
  const info = contentInfo(response.headers.find((h) => h.key.toLowerCase() === 'content-type')?.value);
  const resSummary = [info.contentType, info.mimeType, info.mimeFormat, info.charset].join(star);

  let out = ' \n';
  out += `  ${[
    `${response.code} ${response.status}`,
    `${formatDuration(response.responseTime)} ${paint.gray('time')}`,
    `${formatBytes(requestTotalSize(request))}${up} ${formatBytes(responseTotalSize(response))}${down} ${paint.gray('size')}`,
    `${request.headers.length}${up} ${response.headers.length}${down} ${paint.gray('headers')}`,
    `${cookies} ${paint.gray('cookies')}`,
  ].join(star)}\n`;

  const requestText = request.body ?? '';
  const requestLength = requestBodySize(request) || Buffer.byteLength(requestText);
  if (requestLength > 0 && requestText !== '') {
    out += `  ${paint.white(symbols.console.top)} ${paint.white(symbols.up)} raw${star}${formatBytes(requestLength)}\n`;
    out += bodyLines(requestText, requestLength, layout);
    out += `${paint.white(`  ${symbols.console.bottom}`)} \n`;
  }

  const responseLength = response.body.length;
  if (responseLength > 0) {
    out += `  ${paint.white(symbols.console.top)} ${paint.white(symbols.down)} ${resSummary}${star}${formatBytes(responseLength)}\n`;
    out += bodyLines(response.body.toString('utf8'), responseLength, layout);
    out += `${paint.white(`  ${symbols.console.bottom}`)}\n\n`;
  } else {
    out += `  ${symbols.down} ${resSummary}\n\n`;
  }
  return out;
}

function bodyLines(text: string, byteLength: number, layout: VerboseLayout): string {
  const { paint, symbols } = layout;
  // Redact before clipping and cutting, so no secret is split across lines and escapes redaction.
  let shown = layout.redact(text);
  let note = '';
  if (byteLength > BODY_CLIP_SIZE) {
    shown = shown.slice(0, BODY_CLIP_SIZE);
    note = `(showing ${formatBytes(BODY_CLIP_SIZE)}/${formatBytes(byteLength)})`;
  }
  const lines = cutLines(shown, layout.width);
  if (note) lines.push(note);
  const indent = `  ${paint.white(symbols.console.middle)} `;
  return lines.map((line) => `${indent}${paint.gray(line)}\n`).join('');
}
