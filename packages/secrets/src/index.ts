export { createRedactor, type NamedSecret } from './redact.ts';
