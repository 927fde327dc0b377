import { describe, expect, it } from 'vitest';
import { credentialClass, nameWords } from './credential-names.ts';

describe('nameWords', () => {
  it('splits identifiers of every style', () => {
    expect(nameWords('X-APIKey_value')).toEqual(['x', 'api', 'key', 'value']);
    expect(nameWords('clientSecret')).toEqual(['client', 'secret']);
    expect(nameWords('PGPASSWORD')).toEqual(['pgpassword']);
    expect(nameWords('auth.bearer[0].token')).toEqual(['auth', 'bearer', '0', 'token']);
  });
});

describe('credentialClass', () => {
  it.each([
    ['password', 'password'],
    ['DB_PASSWORD', 'password'],
    ['PGPASSWORD', 'password'],
    ['smtp_pass', 'password'],
    ['new_password', 'password'],
    ['password_confirmation', 'password'],
    ['token', 'token'],
    ['access_token', 'token'],
    ['X-Auth-Token', 'token'],
    ['PRIVATE-TOKEN', 'token'],
    ['AZURE_DEVOPS_PAT', 'token'],
    ['api_key', 'api-key'],
    ['X-API-Key', 'api-key'],
    ['apikey', 'api-key'],
    ['Ocp-Apim-Subscription-Key', 'api-key'],
    ['client_secret', 'secret'],
    ['AWS_SECRET_ACCESS_KEY', 'secret'],
    ['privateKey', 'secret'],
    ['Authorization', 'authorization'],
    ['Proxy-Authorization', 'authorization'],
  ])('%s holds a %s', (name, kind) => {
    expect(credentialClass(name)).toBe(kind);
  });

  it.each([
    'key',
    'token_type',
    'tokenUrl',
    'access_token_url',
    'password_hint',
    'passwordPolicy',
    'password_hash',
    'secretName',
    'apiKeyId',
    'aws_access_key_id',
    'idempotencyKey',
    'Idempotency-Key',
    'nextPageToken',
    'csrf_token',
    'publicKey',
    'primary_key',
    'grant_type',
    'author',
    'passenger',
    'secretary',
    'max_tokens',
    'username',
    'client_id',
    'WWW-Authenticate',
  ])('%s is not a credential name', (name) => {
    expect(credentialClass(name)).toBeUndefined();
  });
});
