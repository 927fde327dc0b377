/** Test fixture: a writable that claims to be a terminal (what cli-progress needs to draw), recording output. */
export function fakeTty(columns = 100): { stream: NodeJS.WritableStream; output(): string } {
  const chunks: string[] = [];
  const done = (callback?: () => void): boolean => {
    callback?.();
    return true;
  };
  const stream = {
    isTTY: true,
    columns,
    rows: 40,
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
    once: () => stream,
    on: () => stream,
    removeListener: () => stream,
    cursorTo: (_x: number, _y?: number | (() => void), callback?: () => void) => done(callback),
    clearLine: (_dir: number, callback?: () => void) => done(callback),
    clearScreenDown: (callback?: () => void) => done(callback),
    moveCursor: (_dx: number, _dy: number, callback?: () => void) => done(callback),
    getWindowSize: () => [columns, 40],
  };
  return { stream: stream as unknown as NodeJS.WritableStream, output: () => chunks.join('') };
}
