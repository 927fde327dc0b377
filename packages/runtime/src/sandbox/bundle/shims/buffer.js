// `Buffer` as a free variable in lazily loaded libraries: the sandbox's single Buffer polyfill.
export { Buffer } from 'buffer';
