/** Private keys: PEM blocks (PKCS#1, PKCS#8, SEC1, OpenSSH, PGP) and PuTTY key files. */
import type { Pattern, Rule } from '../types.ts';
import { defineRule } from './define.ts';

const byType: Record<string, Rule> = {
  'RSA PRIVATE KEY': defineRule('private-key-rsa', 'PEM', 'RSA private key (PKCS#1)', 'format'),
  'EC PRIVATE KEY': defineRule('private-key-ec', 'PEM', 'Elliptic-curve private key (SEC1)', 'format'),
  'DSA PRIVATE KEY': defineRule('private-key-dsa', 'PEM', 'DSA private key', 'format'),
  'OPENSSH PRIVATE KEY': defineRule('private-key-openssh', 'OpenSSH', 'OpenSSH private key', 'format'),
  'PRIVATE KEY': defineRule('private-key-pkcs8', 'PEM', 'Private key (PKCS#8)', 'format'),
  'ENCRYPTED PRIVATE KEY': defineRule(
    'private-key-encrypted',
    'PEM',
    'Encrypted private key (PKCS#8)',
    'format',
  ),
  'PGP PRIVATE KEY BLOCK': defineRule('private-key-pgp', 'PGP', 'PGP private key block', 'format'),
};
const putty = defineRule('private-key-putty', 'PuTTY', 'PuTTY private key file', 'format');

/** Lines such as `Proc-Type: 4,ENCRYPTED` or `Comment: …` inside a block are not key material. */
const HEADER_LINE = /^[A-Za-z-]+:.*$/gm;

/**
 * True when the body of a key block is key material: mostly base64, long and varied enough, and
 * not an ellipsis or a mask (`MIIE...`, `<key>`).
 */
function isKeyMaterial(body: string): boolean {
  const text = body.replace(/\\[nr]/g, '\n').replace(HEADER_LINE, '');
  if (/\.\.\.|…|xxxx|XXXX|\{\{|<[^>]*>|\*\*\*/.test(text)) return false;
  const compact = text.replace(/\s+/g, '');
  const base64 = compact.match(/[A-Za-z0-9+/=]/g)?.length ?? 0;
  if (base64 < 64 || base64 < compact.length * 0.9) return false;
  return new Set(compact).size >= 20;
}

export const privateKeyPatterns: readonly Pattern[] = [
  {
    rules: Object.values(byType),
    keywords: ['-----BEGIN'],
    regex:
      /-----BEGIN (?<type>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<body>[\s\S]{40,16384}?)-----END \k<type>-----/g,
    pick: (_secret, match) => {
      const type = match.groups?.type ?? '';
      return isKeyMaterial(match.groups?.body ?? '') ? byType[type] : undefined;
    },
    multiline: true,
    maxLength: 17_000,
    allowRepetition: true,
  },
  {
    rules: [putty],
    keywords: ['PuTTY-User-Key-File-'],
    regex:
      /PuTTY-User-Key-File-[23]: [a-z0-9-]+(?:\r?\n|(?:\\r)?\\n)[\s\S]{0,4000}?Private-Lines: [0-9]+(?:\r?\n|(?:\\r)?\\n)(?<body>(?:[A-Za-z0-9+/=]{1,64}(?:\r?\n|(?:\\r)?\\n)){1,60})(?:Private-MAC: [0-9a-f]{64})?/g,
    pick: (_secret, match) => (isKeyMaterial(match.groups?.body ?? '') ? putty : undefined),
    multiline: true,
    maxLength: 9000,
    allowRepetition: true,
  },
];
