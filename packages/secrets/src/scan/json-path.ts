/** JSON paths of the form `item[2].request.auth.bearer[0].value`, built from the walker's stack. */
import type { JsonFrame } from './json-walk.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function append(path: string, frame: JsonFrame): string {
  if (frame.isArray) return `${path}[${frame.index}]`;
  if (IDENTIFIER.test(frame.key)) return path ? `${path}.${frame.key}` : frame.key;
  return `${path}[${JSON.stringify(frame.key)}]`;
}

/**
 * The path of the container `frames[depth]` (the root is the empty path).
 *
 * @example
 * containerPath(frames, depth); // 'item[2].request.auth.bearer[0]'
 */
export function containerPath(frames: readonly JsonFrame[], depth: number): string {
  let path = '';
  for (let j = 0; j < depth; j++) path = append(path, frames[j] as JsonFrame);
  return path;
}

/**
 * The path of the current member of `frames[depth]` (its current property or element).
 *
 * @example
 * memberPath(frames, depth); // 'values[3].value'
 */
export function memberPath(frames: readonly JsonFrame[], depth: number): string {
  return append(containerPath(frames, depth), frames[depth] as JsonFrame);
}

/**
 * The path of a named property of the container `frames[depth]`.
 *
 * @example
 * propertyPath(frames, depth, 'value'); // 'item[0].request.header[1].value'
 */
export function propertyPath(frames: readonly JsonFrame[], depth: number, name: string): string {
  const path = containerPath(frames, depth);
  if (IDENTIFIER.test(name)) return path ? `${path}.${name}` : name;
  return `${path}[${JSON.stringify(name)}]`;
}
