/** Payments and commerce: Stripe, Square, Braintree, Paystack, Flutterwave, Shopify, Plaid, … */
import type { Pattern } from '../types.ts';
import { tokenPattern, UUID } from './define.ts';

const shopifyKinds = [
  ['shpat', 'shopify-access-token', 'Shopify Admin API access token'],
  ['shpca', 'shopify-custom-app-token', 'Shopify custom app access token'],
  ['shppa', 'shopify-private-app-token', 'Shopify private app password'],
  ['shpss', 'shopify-shared-secret', 'Shopify app shared secret'],
] as const;

export const paymentPatterns: readonly Pattern[] = [
  // Before Stripe: a Paystack key is also a well-formed `sk_live_` key, and the first pattern wins.
  tokenPattern({
    id: 'paystack-secret-key',
    provider: 'Paystack',
    description: 'Paystack secret key',
    prefixes: ['sk_live_', 'sk_test_'],
    pattern: 'sk_(?:live|test)_[a-f0-9]{40}',
  }),
  tokenPattern({
    id: 'stripe-secret-key',
    provider: 'Stripe',
    description: 'Stripe secret API key',
    prefixes: ['sk_live_', 'sk_test_'],
    pattern: 'sk_(?:live|test)_[A-Za-z0-9]{24,99}',
  }),
  tokenPattern({
    id: 'stripe-restricted-key',
    provider: 'Stripe',
    description: 'Stripe restricted API key',
    prefixes: ['rk_live_', 'rk_test_'],
    pattern: 'rk_(?:live|test)_[A-Za-z0-9]{24,99}',
  }),
  tokenPattern({
    id: 'stripe-webhook-secret',
    provider: 'Stripe',
    description: 'Stripe webhook signing secret',
    prefixes: ['whsec_'],
    pattern: 'whsec_[A-Za-z0-9+/]{32,64}={0,2}',
    boundary: 'A-Za-z0-9_\\-+/=',
  }),
  tokenPattern({
    id: 'square-access-token',
    provider: 'Square',
    description: 'Square access token',
    prefixes: ['EAAA', 'sq0atp-'],
    pattern: 'EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}',
  }),
  tokenPattern({
    id: 'square-oauth-secret',
    provider: 'Square',
    description: 'Square OAuth application secret',
    prefixes: ['sq0csp-'],
    pattern: 'sq0csp-[A-Za-z0-9_-]{43}',
  }),
  tokenPattern({
    id: 'braintree-access-token',
    provider: 'Braintree',
    description: 'Braintree (PayPal) access token',
    prefixes: ['access_token$'],
    pattern: 'access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}',
  }),
  tokenPattern({
    id: 'flutterwave-secret-key',
    provider: 'Flutterwave',
    description: 'Flutterwave secret key',
    prefixes: ['FLWSECK-', 'FLWSECK_TEST-'],
    pattern: 'FLWSECK(?:_TEST)?-[a-f0-9]{32}-X',
  }),
  ...shopifyKinds.map(([prefix, id, description]) =>
    tokenPattern({
      id,
      provider: 'Shopify',
      description,
      prefixes: [`${prefix}_`],
      pattern: `${prefix}_[a-fA-F0-9]{32}`,
    }),
  ),
  tokenPattern({
    id: 'plaid-access-token',
    provider: 'Plaid',
    description: 'Plaid access token',
    prefixes: ['access-sandbox-', 'access-development-', 'access-production-'],
    pattern: `access-(?:sandbox|development|production)-${UUID}`,
  }),
  tokenPattern({
    id: 'easypost-api-key',
    provider: 'EasyPost',
    description: 'EasyPost production or test API key',
    prefixes: ['EZAK', 'EZTK'],
    pattern: 'EZ[AT]K[a-f0-9]{54}',
  }),
  tokenPattern({
    id: 'shippo-api-token',
    provider: 'Shippo',
    description: 'Shippo API token',
    prefixes: ['shippo_live_', 'shippo_test_'],
    pattern: 'shippo_(?:live|test)_[a-f0-9]{40}',
  }),
  tokenPattern({
    id: 'duffel-api-token',
    provider: 'Duffel',
    description: 'Duffel API access token',
    prefixes: ['duffel_live_', 'duffel_test_'],
    pattern: 'duffel_(?:live|test)_[A-Za-z0-9_=-]{43}',
  }),
];
