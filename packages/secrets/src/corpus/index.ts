/**
 * The labelled corpus for scanner tests and benchmarks (test-only: `@postern/secrets/corpus`, never bundled).
 */
export {
  type Corpus,
  type CorpusFile,
  type CorpusOptions,
  generateCorpus,
  type Label,
  SECRET_KINDS,
  sampleSecret,
} from './generate.ts';
export { offsetOf, type Score, scoreFindings, type ToolFinding } from './score.ts';
