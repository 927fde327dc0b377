/** Package registries: npm, PyPI, RubyGems, NuGet, crates.io, Clojars, JFrog Artifactory. */
import type { Pattern } from '../types.ts';
import { checksummedPattern, tokenPattern } from './define.ts';

export const registryPatterns: readonly Pattern[] = [
  checksummedPattern('npm-access-token', 'npm', 'npm access token', 'npm_', 30),
  tokenPattern({
    id: 'pypi-upload-token',
    provider: 'PyPI',
    description: 'PyPI (or TestPyPI) upload token',
    // The macaroon's first bytes encode the issuing host: pypi.org or test.pypi.org.
    prefixes: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'],
    pattern: 'pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}',
    maxLength: 1100,
  }),
  tokenPattern({
    id: 'rubygems-api-key',
    provider: 'RubyGems',
    description: 'RubyGems API key',
    prefixes: ['rubygems_'],
    pattern: 'rubygems_[a-f0-9]{48}',
  }),
  tokenPattern({
    id: 'nuget-api-key',
    provider: 'NuGet',
    description: 'NuGet API key',
    prefixes: ['oy2'],
    pattern: 'oy2[a-z0-9]{43}',
  }),
  tokenPattern({
    id: 'crates-io-token',
    provider: 'crates.io',
    description: 'crates.io API token',
    prefixes: ['cio'],
    pattern: 'cio[A-Za-z0-9]{32}',
  }),
  tokenPattern({
    id: 'clojars-token',
    provider: 'Clojars',
    description: 'Clojars deploy token',
    prefixes: ['CLOJARS_'],
    pattern: 'CLOJARS_[a-z0-9]{60}',
  }),
  tokenPattern({
    id: 'jfrog-api-key',
    provider: 'JFrog',
    description: 'JFrog Artifactory API key',
    prefixes: ['AKCp'],
    pattern: 'AKCp[A-Za-z0-9]{69}',
  }),
  tokenPattern({
    id: 'jfrog-reference-token',
    provider: 'JFrog',
    description: 'JFrog Artifactory reference token',
    // base64 of "reftkn:01:…" (13 characters are fixed)
    prefixes: ['cmVmdGtuOjAxO'],
    pattern: 'cmVmdGtuOjAxO[A-Za-z0-9+/]{41,201}={0,2}',
    boundary: 'A-Za-z0-9_\\-+/=',
  }),
];
