/**
 * Postman's dynamic variables (`{{$guid}}`, `{{$randomEmail}}` …): the same names, generated with
 * the same faker release Postman uses (English locale only), so values have the same formats.
 * Every call draws a new value.
 */
import { DIRECTORY_PATHS, LANGUAGE_CODES } from './dynamic-variable-data.ts';
import { getFaker } from './optional-deps.ts';

type Generator = () => unknown;

/** Faker 5 namespaces, loaded on the first `$random…` value (see optional-deps.ts). */
const f = new Proxy({} as Record<string, Record<string, (...args: unknown[]) => unknown>>, {
  get: (_target, namespace: string) => getFaker()[namespace],
});

/** `faker.<namespace>.<method>()` called the way Postman calls it: without arguments. */
const call =
  (namespace: string, method: string): Generator =>
  () =>
    f[namespace]?.[method]?.();

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const intBetween = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

const phoneNumber = (): unknown => f.phone?.phoneNumberFormat?.(0);

const GENERATORS: Record<string, Generator> = {
  $guid: () => crypto.randomUUID(),
  $timestamp: () => Math.round(Date.now() / 1000),
  $isoTimestamp: () => new Date().toISOString(),
  $randomInt: () => intBetween(0, 1000),
  // faker's phoneNumber() sometimes adds an extension; Postman pins the plain 10-digit format.
  $randomPhoneNumber: phoneNumber,
  $randomPhoneNumberExt: () => `${intBetween(1, 99)}-${phoneNumber()}`,
  // faker's random.locale() only knows 'en'.
  $randomLocale: () => pick(LANGUAGE_CODES),
  // faker's random.words() gives 1–3 words; Postman gives 2–5.
  $randomWords: () => {
    const words: unknown[] = [];
    for (let count = intBetween(2, 5); count > 0; count--) words.push(f.random?.word?.());
    return words.join(' ');
  },
  // faker 5's system.filePath()/directoryPath() return nothing.
  $randomFilePath: () => `${pick(DIRECTORY_PATHS)}/${f.system?.fileName?.()}`,
  $randomDirectoryPath: () => pick(DIRECTORY_PATHS),
};

/** name → [faker namespace, method], for the names that map straight onto faker. */
const FAKER_BACKED: Record<string, [string, string]> = {
  $randomCity: ['address', 'city'],
  $randomStreetName: ['address', 'streetName'],
  $randomStreetAddress: ['address', 'streetAddress'],
  $randomCountry: ['address', 'country'],
  $randomCountryCode: ['address', 'countryCode'],
  $randomLatitude: ['address', 'latitude'],
  $randomLongitude: ['address', 'longitude'],
  $randomColor: ['commerce', 'color'],
  $randomDepartment: ['commerce', 'department'],
  $randomProductName: ['commerce', 'productName'],
  $randomProductAdjective: ['commerce', 'productAdjective'],
  $randomProductMaterial: ['commerce', 'productMaterial'],
  $randomProduct: ['commerce', 'product'],
  $randomCompanyName: ['company', 'companyName'],
  $randomCompanySuffix: ['company', 'companySuffix'],
  $randomCatchPhrase: ['company', 'catchPhrase'],
  $randomBs: ['company', 'bs'],
  $randomCatchPhraseAdjective: ['company', 'catchPhraseAdjective'],
  $randomCatchPhraseDescriptor: ['company', 'catchPhraseDescriptor'],
  $randomCatchPhraseNoun: ['company', 'catchPhraseNoun'],
  $randomBsAdjective: ['company', 'bsAdjective'],
  $randomBsBuzz: ['company', 'bsBuzz'],
  $randomBsNoun: ['company', 'bsNoun'],
  $randomDatabaseColumn: ['database', 'column'],
  $randomDatabaseType: ['database', 'type'],
  $randomDatabaseCollation: ['database', 'collation'],
  $randomDatabaseEngine: ['database', 'engine'],
  $randomDatePast: ['date', 'past'],
  $randomDateFuture: ['date', 'future'],
  $randomDateRecent: ['date', 'recent'],
  $randomMonth: ['date', 'month'],
  $randomWeekday: ['date', 'weekday'],
  $randomBankAccount: ['finance', 'account'],
  $randomBankAccountName: ['finance', 'accountName'],
  $randomCreditCardMask: ['finance', 'mask'],
  $randomPrice: ['finance', 'amount'],
  $randomTransactionType: ['finance', 'transactionType'],
  $randomCurrencyCode: ['finance', 'currencyCode'],
  $randomCurrencyName: ['finance', 'currencyName'],
  $randomCurrencySymbol: ['finance', 'currencySymbol'],
  $randomBitcoin: ['finance', 'bitcoinAddress'],
  $randomBankAccountIban: ['finance', 'iban'],
  $randomBankAccountBic: ['finance', 'bic'],
  $randomAbbreviation: ['hacker', 'abbreviation'],
  $randomAdjective: ['hacker', 'adjective'],
  $randomNoun: ['hacker', 'noun'],
  $randomVerb: ['hacker', 'verb'],
  $randomIngverb: ['hacker', 'ingverb'],
  $randomPhrase: ['hacker', 'phrase'],
  $randomAvatarImage: ['image', 'avatar'],
  $randomImageUrl: ['image', 'imageUrl'],
  $randomAbstractImage: ['image', 'abstract'],
  $randomAnimalsImage: ['image', 'animals'],
  $randomBusinessImage: ['image', 'business'],
  $randomCatsImage: ['image', 'cats'],
  $randomCityImage: ['image', 'city'],
  $randomFoodImage: ['image', 'food'],
  $randomNightlifeImage: ['image', 'nightlife'],
  $randomFashionImage: ['image', 'fashion'],
  $randomPeopleImage: ['image', 'people'],
  $randomNatureImage: ['image', 'nature'],
  $randomSportsImage: ['image', 'sports'],
  $randomTransportImage: ['image', 'transport'],
  $randomImageDataUri: ['image', 'dataUri'],
  $randomEmail: ['internet', 'email'],
  $randomExampleEmail: ['internet', 'exampleEmail'],
  $randomUserName: ['internet', 'userName'],
  $randomProtocol: ['internet', 'protocol'],
  $randomUrl: ['internet', 'url'],
  $randomDomainName: ['internet', 'domainName'],
  $randomDomainSuffix: ['internet', 'domainSuffix'],
  $randomDomainWord: ['internet', 'domainWord'],
  $randomIP: ['internet', 'ip'],
  $randomIPV6: ['internet', 'ipv6'],
  $randomUserAgent: ['internet', 'userAgent'],
  $randomHexColor: ['internet', 'color'],
  $randomMACAddress: ['internet', 'mac'],
  $randomPassword: ['internet', 'password'],
  $randomLoremWord: ['lorem', 'word'],
  $randomLoremWords: ['lorem', 'words'],
  $randomLoremSentence: ['lorem', 'sentence'],
  $randomLoremSlug: ['lorem', 'slug'],
  $randomLoremSentences: ['lorem', 'sentences'],
  $randomLoremParagraph: ['lorem', 'paragraph'],
  $randomLoremParagraphs: ['lorem', 'paragraphs'],
  $randomLoremText: ['lorem', 'text'],
  $randomLoremLines: ['lorem', 'lines'],
  $randomFirstName: ['name', 'firstName'],
  $randomLastName: ['name', 'lastName'],
  $randomFullName: ['name', 'findName'],
  $randomJobTitle: ['name', 'jobTitle'],
  $randomNamePrefix: ['name', 'prefix'],
  $randomNameSuffix: ['name', 'suffix'],
  $randomJobDescriptor: ['name', 'jobDescriptor'],
  $randomJobArea: ['name', 'jobArea'],
  $randomJobType: ['name', 'jobType'],
  $randomUUID: ['datatype', 'uuid'],
  $randomBoolean: ['datatype', 'boolean'],
  $randomWord: ['random', 'word'],
  $randomAlphaNumeric: ['random', 'alphaNumeric'],
  $randomFileName: ['system', 'fileName'],
  $randomCommonFileName: ['system', 'commonFileName'],
  $randomMimeType: ['system', 'mimeType'],
  $randomCommonFileType: ['system', 'commonFileType'],
  $randomCommonFileExt: ['system', 'commonFileExt'],
  $randomFileType: ['system', 'fileType'],
  $randomFileExt: ['system', 'fileExt'],
  $randomSemver: ['system', 'semver'],
};

for (const [name, [namespace, method]] of Object.entries(FAKER_BACKED)) {
  GENERATORS[name] = call(namespace, method);
}

/** Every dynamic variable name Postman supports, `$guid` first. */
export const DYNAMIC_VARIABLE_NAMES: readonly string[] = Object.freeze(Object.keys(GENERATORS));

/**
 * A fresh value for a dynamic variable, as text (dates as `Date#toString()`, booleans as
 * `'true'`/`'false'`), or `undefined` when `name` is not one.
 *
 * @example dynamicVariable('$randomInt') // '417'
 * @example dynamicVariable('host') // undefined
 */
export function dynamicVariable(name: string): string | undefined {
  if (name.charCodeAt(0) !== 36 /* $ */ || !Object.hasOwn(GENERATORS, name)) return undefined;
  const value = GENERATORS[name]?.();
  return value === undefined || value === null ? '' : String(value);
}
