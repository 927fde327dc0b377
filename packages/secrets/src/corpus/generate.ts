/**
 * The labelled test corpus, generated from a seed at test time (nothing format-valid is committed):
 * secrets of every kind planted in realistic places of Postman collections, environments, `.env`
 * files and notes, among many more decoys. Labels record each planted secret and its file.
 */
import { type Decoy, makeDecoy } from './decoys.ts';
import { type Place, type SecretKind, TOKEN_PLACES } from './kinds.ts';
import { formatKinds } from './kinds-formats.ts';
import { providerKindsA } from './kinds-providers.ts';
import { providerKindsB } from './kinds-services.ts';
import { buildCollection, buildEnvironment, type Entry } from './postman.ts';
import { Random } from './random.ts';
import { buildDotenv, buildTextNotes } from './text-files.ts';

export const SECRET_KINDS: readonly SecretKind[] = [...providerKindsA, ...providerKindsB, ...formatKinds];

export interface CorpusOptions {
  seed?: number;
  /** Secrets planted per kind. */
  perKind?: number;
  decoys?: number;
  /** Plain requests added to each collection (to grow the corpus for benchmarks). */
  fillerRequests?: number;
}

export interface CorpusFile {
  path: string;
  text: string;
}

/** A planted secret: exactly `secret` occurs in `file` (JSON-escaped inside JSON strings). */
export interface Label {
  file: string;
  kind: string;
  secret: string;
}

export interface Corpus {
  files: CorpusFile[];
  labels: Label[];
  decoyCount: number;
}

type FileKind = 'collection' | 'environment' | 'dotenv' | 'text';

function fileKindOf(place: Place): FileKind {
  if (place === 'environment' || place === 'dotenv' || place === 'text') return place;
  return 'collection';
}

/** How many entries each file of a kind holds, on average. */
const ENTRIES_PER_FILE: Record<FileKind, number> = { collection: 14, environment: 8, dotenv: 8, text: 6 };

/** Names under which a provider token is sometimes stored although they say nothing. */
const NEUTRAL_NAMES = ['config', 'value', 'note', 'X-Custom-Header', 'data', 'misc'];

/**
 * Generates the corpus.
 *
 * @example
 * const { files, labels } = generateCorpus({ seed: 42 });
 */
export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const r = new Random(options.seed ?? 20_250_601);
  const perKind = options.perKind ?? 2;
  const buckets: Record<FileKind, Array<Entry & { label?: Omit<Label, 'file'> }>> = {
    collection: [],
    environment: [],
    dotenv: [],
    text: [],
  };
  for (const kind of SECRET_KINDS) {
    for (let i = 0; i < perKind; i++) {
      const secret = kind.make(r);
      const place = r.pick(kind.places ?? TOKEN_PLACES);
      const name = kind.needsName || r.chance(0.8) ? r.pick(kind.names) : r.pick(NEUTRAL_NAMES);
      const value = kind.wrap ? kind.wrap(secret, r) : secret;
      buckets[fileKindOf(place)].push({
        name,
        value,
        place,
        secretType: r.chance(0.5),
        label: { kind: kind.kind, secret },
      });
    }
  }
  const decoyCount = options.decoys ?? 1200;
  for (let i = 0; i < decoyCount; i++) {
    const decoy: Decoy = makeDecoy(r);
    const place = r.pick(decoy.places);
    const secretType = decoy.category === 'placeholder' && r.chance(0.5);
    buckets[fileKindOf(place)].push({
      name: decoy.name,
      value: decoy.value,
      place,
      expression: decoy.expression,
      secretType,
    });
  }

  const files: CorpusFile[] = [];
  const labels: Label[] = [];
  for (const fileKind of Object.keys(buckets) as FileKind[]) {
    const entries = r.shuffle(buckets[fileKind]);
    const count = Math.max(1, Math.ceil(entries.length / ENTRIES_PER_FILE[fileKind]));
    for (let f = 0; f < count; f++) {
      const mine = entries.filter((_, i) => i % count === f);
      const { path, text } = buildFile(r, fileKind, f, mine, options.fillerRequests ?? 2);
      files.push({ path, text });
      for (const entry of mine) {
        if (!entry.label) continue;
        if (!containsSecret(text, entry.label.secret))
          throw new Error(`generator bug: ${entry.label.kind} not in ${path}`);
        labels.push({ file: path, ...entry.label });
      }
    }
  }
  return { files, labels, decoyCount };
}

function buildFile(r: Random, kind: FileKind, index: number, entries: Entry[], filler: number): CorpusFile {
  const title = `${r.pick(['Billing', 'Orders', 'Partner', 'Internal', 'Payments', 'Support'])} ${index + 1}`;
  const slug = title.toLowerCase().replace(/\s+/g, '-');
  switch (kind) {
    case 'collection':
      return {
        path: `collections/${slug}.postman_collection.json`,
        text: buildCollection(r, `${title} API`, entries, filler),
      };
    case 'environment':
      return {
        path: `environments/${slug}.postman_environment.json`,
        text: buildEnvironment(r, title, entries),
      };
    case 'dotenv':
      return { path: `config/${slug}.env`, text: buildDotenv(r, entries) };
    case 'text':
      return { path: `notes/${slug}.txt`, text: buildTextNotes(r, `${title} runbook`, entries) };
  }
}

/** The forms a secret takes in a file: as is, JSON-escaped, and escaped twice (JSON in a JSON string). */
export function writtenForms(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [...new Set([secret, once, twice])];
}

function containsSecret(text: string, secret: string): boolean {
  return writtenForms(secret).some((form) => text.includes(form));
}

/**
 * One secret of a kind, for unit tests (built at run time, never committed).
 *
 * @example
 * sampleSecret('github-pat'); // 'ghp_…' with a valid checksum
 */
export function sampleSecret(kind: string, seed = 1): string {
  const spec = SECRET_KINDS.find((k) => k.kind === kind);
  if (!spec) throw new Error(`no such kind: ${kind}`);
  return spec.make(new Random(seed));
}
