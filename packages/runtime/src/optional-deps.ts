/**
 * In Node, the collection package's optional libraries load synchronously with `require` on first
 * use (faker for `$random…` values, the converter for v1 collections): startup stays light.
 */
import { createRequire } from 'node:module';
import { registerOptionalDependencies } from '@postern/collection';

const require = createRequire(import.meta.url);

registerOptionalDependencies({
  faker: () => require('@faker-js/faker/locale/en.js'),
  v1Converter: () => require('postman-collection-transformer'),
});
