import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { DYNAMIC_VARIABLE_NAMES, dynamicVariable } from './dynamic-variables.ts';
import { loadOptionalDependencies } from './optional-deps.ts';

// faker and the v1 converter load on demand; a test process loads them up front.
beforeAll(loadOptionalDependencies);

const require = createRequire(import.meta.url);
const postmanGenerators = require('postman-collection/lib/superstring/dynamic-variables.js') as Record<
  string,
  { generator: () => unknown }
>;
const POSTMAN_NAMES = Object.keys(postmanGenerators);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE_TEXT = /^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}/;
const IMAGE_URL = /^http:\/\/placeimg\.com\/640\/480(\/[a-z]+)?$/;
const WORDS = /^\S+( \S+)*$/;

/** Exact formats where a name promises one; anything else must at least be non-empty text. */
const SHAPES: Record<string, RegExp> = {
  $guid: UUID,
  $randomUUID: UUID,
  $timestamp: /^\d{10}$/,
  $isoTimestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  $randomInt: /^(\d|[1-9]\d{1,2}|1000)$/,
  $randomPhoneNumber: /^\d{3}-\d{3}-\d{4}$/,
  $randomPhoneNumberExt: /^\d{1,2}-\d{3}-\d{3}-\d{4}$/,
  $randomLocale: /^[a-z]{2,3}$/,
  $randomWords: /^\S+( \S+){1,4}$/,
  $randomFilePath: /^\/[\w/+]*\/[\w-]+\.[\w-]+$/,
  $randomDirectoryPath: /^\/[\w/+]*$/,
  $randomCountryCode: /^[A-Z]{2}$/,
  $randomLatitude: /^-?\d{1,2}\.\d{4}$/,
  $randomLongitude: /^-?\d{1,3}\.\d{4}$/,
  $randomColor: /^[a-z ]+$/,
  $randomDatePast: DATE_TEXT,
  $randomDateFuture: DATE_TEXT,
  $randomDateRecent: DATE_TEXT,
  $randomMonth: /^(January|February|March|April|May|June|July|August|September|October|November|December)$/,
  $randomWeekday: /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/,
  $randomBankAccount: /^\d{8}$/,
  $randomCreditCardMask: /^\d{4}$/,
  $randomPrice: /^\d+\.\d{2}$/,
  $randomCurrencyCode: /^[A-Z]{3}$/,
  $randomBitcoin: /^[13][a-km-zA-HJ-NP-Z1-9]{24,33}$/,
  $randomBankAccountIban: /^[A-Z]{2}\d{2}[A-Z0-9]+$/,
  $randomBankAccountBic: /^[A-Z]{6}[A-Z0-9]{2,5}$/,
  $randomAbbreviation: /^[A-Z0-9]+$/,
  $randomAvatarImage: /^https:\/\/cdn\.fakercloud\.com\/avatars\/.+\.jpg$/,
  $randomImageUrl: IMAGE_URL,
  $randomAbstractImage: IMAGE_URL,
  $randomAnimalsImage: IMAGE_URL,
  $randomBusinessImage: IMAGE_URL,
  $randomCatsImage: IMAGE_URL,
  $randomCityImage: IMAGE_URL,
  $randomFoodImage: IMAGE_URL,
  $randomNightlifeImage: IMAGE_URL,
  $randomFashionImage: IMAGE_URL,
  $randomPeopleImage: IMAGE_URL,
  $randomNatureImage: IMAGE_URL,
  $randomSportsImage: IMAGE_URL,
  $randomTransportImage: IMAGE_URL,
  $randomImageDataUri: /^data:image\/svg\+xml;charset=UTF-8,/,
  $randomEmail: /^\S+@\S+\.\w+$/,
  $randomExampleEmail: /^\S+@example\.(com|net|org)$/,
  $randomProtocol: /^https?$/,
  $randomUrl: /^https?:\/\/[\w.-]+$/,
  $randomDomainName: /^[\w-]+\.\w+$/,
  $randomDomainSuffix: /^[a-z]+$/,
  $randomIP: /^\d{1,3}(\.\d{1,3}){3}$/,
  $randomIPV6: /^[0-9a-f]{4}(:[0-9a-f]{4}){7}$/,
  $randomHexColor: /^#[0-9a-f]{6}$/,
  $randomMACAddress: /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/,
  $randomPassword: /^[\w]{15}$/,
  $randomLoremWord: /^[a-z]+$/,
  $randomLoremWords: /^[a-z]+ [a-z]+ [a-z]+$/,
  $randomLoremSlug: /^[a-z]+(-[a-z]+)+$/,
  $randomLoremLines: /^[A-Z][^\n]*\.(\n[A-Z][^\n]*\.)*$/,
  $randomFirstName: WORDS,
  $randomBoolean: /^(true|false)$/,
  $randomAlphaNumeric: /^[a-z0-9]$/,
  $randomFileName: /^[\w-]+\.[\w-]+$/,
  $randomCommonFileName: /^[\w-]+\.\w+$/,
  $randomMimeType: /^[\w.+-]+\/[\w.+-]+$/,
  $randomCommonFileExt: /^\w+$/,
  $randomFileExt: /^[\w-]+$/,
  $randomSemver: /^\d+\.\d+\.\d+$/,
};

describe('dynamic variables', () => {
  it("lists exactly postman-collection's names, in its order", () => {
    expect(DYNAMIC_VARIABLE_NAMES).toEqual(POSTMAN_NAMES);
  });

  it.each(POSTMAN_NAMES)('%s produces a value of the right shape', (name) => {
    for (let draw = 0; draw < 5; draw++) {
      const value = dynamicVariable(name);
      expect(typeof value).toBe('string');
      expect(value).not.toBe('');
      const shape = SHAPES[name];
      if (!shape) continue;
      expect(value).toMatch(shape);
      // The shape is Postman's too: its own generator's output matches it.
      expect(String(postmanGenerators[name]?.generator())).toMatch(shape);
    }
  });

  it('draws a new value on every call', () => {
    const values = new Set(Array.from({ length: 20 }, () => dynamicVariable('$guid')));
    expect(values.size).toBe(20);
  });

  it('keeps $timestamp in Unix seconds', () => {
    const now = Math.round(Date.now() / 1000);
    expect(Math.abs(Number(dynamicVariable('$timestamp')) - now)).toBeLessThanOrEqual(1);
  });

  it('answers undefined for anything else', () => {
    expect(dynamicVariable('guid')).toBeUndefined();
    expect(dynamicVariable('$unknown')).toBeUndefined();
    expect(dynamicVariable('$toString')).toBeUndefined();
    expect(dynamicVariable('')).toBeUndefined();
  });
});
