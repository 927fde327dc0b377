/**
 * Scores a scanner against the corpus labels, for any tool that reports where its findings are:
 * a finding is right when it overlaps a planted secret in its file; a label is found when some
 * finding overlaps it. Precision counts distinct findings, recall distinct labels.
 */
import type { Corpus, Label } from './generate.ts';
import { writtenForms } from './generate.ts';

/** A finding as a span of the file's text. */
export interface ToolFinding {
  file: string;
  start: number;
  end: number;
  ruleId?: string;
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  missed: Label[];
  spurious: ToolFinding[];
}

interface Occurrence {
  start: number;
  end: number;
  label: Label;
}

function occurrences(text: string, label: Label): Occurrence[] {
  const out: Occurrence[] = [];
  for (const form of writtenForms(label.secret)) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      out.push({ start: at, end: at + form.length, label });
    }
  }
  return out;
}

/**
 * Precision, recall and F1 of a tool's findings on the corpus.
 *
 * @example
 * const score = scoreFindings(corpus, findings);
 * score.precision; // 0.99
 */
export function scoreFindings(corpus: Corpus, findings: readonly ToolFinding[]): Score {
  const textOf = new Map(corpus.files.map((f) => [f.path, f.text]));
  const byFile = new Map<string, Occurrence[]>();
  for (const label of corpus.labels) {
    const list = byFile.get(label.file) ?? [];
    list.push(...occurrences(textOf.get(label.file) ?? '', label));
    byFile.set(label.file, list);
  }
  const found = new Set<Label>();
  const distinct = new Map<string, ToolFinding>();
  for (const f of findings) distinct.set(`${f.file}\u0000${f.start}`, f);
  let truePositives = 0;
  const spurious: ToolFinding[] = [];
  for (const finding of distinct.values()) {
    const hits = (byFile.get(finding.file) ?? []).filter(
      (o) => o.start < finding.end && finding.start < o.end,
    );
    if (hits.length === 0) {
      spurious.push(finding);
      continue;
    }
    truePositives++;
    for (const hit of hits) found.add(hit.label);
  }
  const missed = corpus.labels.filter((l) => !found.has(l));
  const precision = distinct.size === 0 ? 1 : truePositives / distinct.size;
  const recall =
    corpus.labels.length === 0 ? 1 : (corpus.labels.length - missed.length) / corpus.labels.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    truePositives,
    falsePositives: spurious.length,
    falseNegatives: missed.length,
    precision,
    recall,
    f1,
    missed,
    spurious,
  };
}

/**
 * Converts 1-based line and column to an offset in the text.
 *
 * @example
 * offsetOf('a\nbc', 2, 2); // 3
 */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}
