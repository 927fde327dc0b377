// Timer free variables in lazily loaded libraries: the sandbox event loop's timers.
export { clearImmediate, clearInterval, clearTimeout, setImmediate, setInterval, setTimeout } from 'timers';
