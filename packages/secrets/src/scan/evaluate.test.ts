import { describe, expect, it } from 'vitest';
import { sampleSecret } from '../corpus/index.ts';
import { evaluateCredential, looksLikeSecret } from './evaluate.ts';

// Values built at run time from random sources: nothing secret-looking is committed.
const base62 = sampleSecret('vercel-token', 2);
const hex32 = sampleSecret('datadog-api-key', 3);
const uuid = sampleSecret('heroku-api-key-legacy', 4);
const password = sampleSecret('generic-password', 5);

describe('looksLikeSecret', () => {
  it.each([base62, hex32, uuid, password, btoa(base62)])('%s looks like a secret', (value) => {
    expect(looksLikeSecret(value)).toBe(true);
  });

  it.each([
    '{{token}}',
    'short1',
    'jsonData.access_token',
    'process.env.API_KEY',
    'MY_API_TOKEN',
    'https://auth.example.com/token',
    'jane.doe@example.com',
    '2025-05-14T09:12:44Z',
    '1.2.3',
    '/v1/oauth/token',
    'myAccessTokenValue',
    'X-Algolia-API-Key',
    '_authToken',
    'correct horse battery',
    '12345678901234567890',
  ])('%s does not', (value) => {
    expect(looksLikeSecret(value)).toBe(false);
  });
});

describe('evaluateCredential', () => {
  it('strips an authorization scheme and reports where the secret starts', () => {
    const match = evaluateCredential('Authorization', `Bearer ${base62}`);
    expect(match).toMatchObject({ offset: 7, secret: base62 });
    expect(match?.rule.id).toBe('authorization-header');
  });

  it('accepts Basic credentials only with a real password', () => {
    expect(evaluateCredential('Authorization', `Basic ${btoa(`admin:${password}`)}`)?.rule.id).toBe(
      'authorization-header',
    );
    expect(evaluateCredential('Authorization', `Basic ${btoa('user:password')}`)).toBeUndefined();
    expect(evaluateCredential('Authorization', 'Basic {{credentials}}')).toBeUndefined();
  });

  it('names the provider when the field name and value format say so', () => {
    expect(evaluateCredential('DD_API_KEY', hex32)?.rule.id).toBe('datadog-api-key');
    expect(evaluateCredential('HEROKU_API_KEY', uuid)?.rule.id).toBe('heroku-api-key-legacy');
    expect(evaluateCredential('api_key', hex32)?.rule.id).toBe('generic-api-key');
  });

  it('classifies by the name, or by the kind given', () => {
    expect(evaluateCredential('db_password', password)?.rule.id).toBe('generic-password');
    expect(evaluateCredential('client_secret', base62)?.rule.id).toBe('generic-secret');
    expect(evaluateCredential('value', base62)).toBeUndefined();
    expect(evaluateCredential('value', base62, 'api-key')?.rule.id).toBe('generic-api-key');
  });
});
