import { describe, expect, it } from 'vitest';
import { sampleSecret } from '../corpus/index.ts';
import { isPlaceholder, isPlaceholderPassword } from './placeholders.ts';

const random = [
  sampleSecret('vercel-token', 6),
  sampleSecret('datadog-api-key', 7),
  sampleSecret('generic-password', 8),
];

describe('isPlaceholder', () => {
  it.each([
    '{{api_key}}',
    'Bearer {{token}}',
    ['$', '{API_KEY}'].join(''),
    '$API_TOKEN',
    '%API_KEY%',
    '<your-api-key>',
    '{{token',
    'your_api_key_here',
    'YOUR_API_KEY_HERE',
    'changeme',
    'REPLACE_ME',
    'xxxxxxxxxxxxxxxx',
    '****************',
    '••••••••',
    'sample_token_value',
    'redacted',
    'password',
    ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''),
    'abababababab',
    '1234567890abcdef',
    '0000000000000000',
  ])('%s is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each(random)('%s is not', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('isPlaceholderPassword', () => {
  it('rejects defaults, the user name again and short values', () => {
    expect(isPlaceholderPassword('guest', 'guest')).toBe(true);
    expect(isPlaceholderPassword('postgres', 'postgres')).toBe(true);
    expect(isPlaceholderPassword('password123')).toBe(true);
    expect(isPlaceholderPassword('abc')).toBe(true);
    expect(isPlaceholderPassword(random[2] as string, 'app')).toBe(false);
  });
});
