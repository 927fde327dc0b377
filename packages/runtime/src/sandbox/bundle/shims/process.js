// The `process` free variable some npm libraries expect; no host information is exposed.
const nextTick = (fn, ...args) => {
  Promise.resolve().then(() => fn(...args));
};
export const process = {
  browser: true,
  env: {},
  argv: [],
  version: '',
  versions: {},
  platform: 'browser',
  nextTick,
  cwd: () => '/',
  emitWarning: () => {},
};
