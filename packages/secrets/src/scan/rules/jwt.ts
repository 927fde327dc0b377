/** JSON Web Tokens: three base64url parts whose header decodes to JSON naming an algorithm. */
import type { Pattern } from '../types.ts';
import { defineRule } from './define.ts';

const jwt = defineRule('jwt', 'JWT', 'JSON Web Token (signed)', 'format');

/**
 * Decodes one base64url part of a token as JSON, or undefined when it is not JSON.
 *
 * @example
 * decodeJsonPart('eyJhbGciOiJIUzI1NiJ9'); // { alg: 'HS256' }
 */
export function decodeJsonPart(part: string): unknown {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sample token of the jwt.io debugger ("John Doe", subject 1234567890) is documentation. */
function isDocumentedExample(payload: Record<string, unknown>): boolean {
  return payload.sub === '1234567890' && payload.name === 'John Doe';
}

export const jwtPatterns: readonly Pattern[] = [
  {
    rules: [jwt],
    prefixes: ['eyJ'],
    regex:
      /(?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,2000}(?![A-Za-z0-9_-])/g,
    pick: (secret) => {
      const [header, payload] = secret.split('.');
      const decodedHeader = decodeJsonPart(header ?? '');
      const decodedPayload = decodeJsonPart(payload ?? '');
      if (!isObject(decodedHeader) || typeof decodedHeader.alg !== 'string') return undefined;
      if (!isObject(decodedPayload) || isDocumentedExample(decodedPayload)) return undefined;
      return jwt;
    },
    maxLength: 12_100,
  },
];
