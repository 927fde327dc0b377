import type { NormalisedAssertion, NormalisedExecution, NormalisedResult } from './types.ts';

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Request-error messages, kept beside the comparable shape so they explain a failure without being compared. */
const requestErrorMessages = new WeakMap<NormalisedExecution, string>();

/** Why an execution's request failed, for diagnostics (undefined when it did not fail). */
export function requestErrorMessage(execution: NormalisedExecution): string | undefined {
  return requestErrorMessages.get(execution);
}

/**
 * Reduces a Newman JSON report (`-r json`) to the comparable parts of each execution.
 *
 * @example normaliseExecutions(JSON.parse(readFileSync('report.json', 'utf8')))
 *   // [{ item: 'get', code: 200, assertions: [{ name: 'ok', passed: true, skipped: false }] }]
 */
export function normaliseExecutions(report: unknown): NormalisedExecution[] {
  const run = isRecord(report) && isRecord(report.run) ? report.run : {};
  return onePerItemExecution(records(run.executions)).map((execution) => {
    const item = isRecord(execution.item) ? String(execution.item.name ?? '') : '';
    const out: NormalisedExecution = {
      item,
      assertions: records(execution.assertions).map(normaliseAssertion),
    };
    if (isRecord(execution.response) && typeof execution.response.code === 'number') {
      out.code = execution.response.code;
    }
    if (execution.requestError !== undefined && execution.requestError !== null) {
      out.error = true;
      const error = execution.requestError;
      requestErrorMessages.set(out, isRecord(error) ? String(error.message ?? error.code) : String(error));
    }
    const scriptErrors = [
      ...scriptErrorNames('prerequest', execution.prerequestScript),
      ...scriptErrorNames('test', execution.testScript),
    ];
    if (scriptErrors.length > 0) out.scriptErrors = scriptErrors;
    return out;
  });
}

/**
 * Newman's JSON reporter pushes the same execution object once per HTTP request of an item
 * (digest/NTLM handshakes, each pm.sendRequest), so its array repeats identical entries that share
 * `cursor.ref`. Keep one entry per item execution (the last, which is what every copy shows).
 */
function onePerItemExecution(executions: JsonRecord[]): JsonRecord[] {
  const out: JsonRecord[] = [];
  let lastRef: unknown;
  for (const execution of executions) {
    const ref = isRecord(execution.cursor) ? execution.cursor.ref : undefined;
    if (ref !== undefined && ref === lastRef) out[out.length - 1] = execution;
    else out.push(execution);
    lastRef = ref;
  }
  return out;
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Unix seconds from 2001-09-09 to 2033-05-18: ten digits starting with 1. */
const UNIX_SECONDS = /(?<![\d.])1\d{9}(?![\d.])/g;

/**
 * Assertion names are the comparison key, but some collections build them from per-run values
 * (`'Correct GUID: ' + guid`); those parts are masked on both sides alike.
 *
 * @example maskRunValues('Correct Timestamp: 1795854375') // 'Correct Timestamp: <timestamp>'
 */
export function maskRunValues(name: string): string {
  return name.replace(UUID, '<uuid>').replace(UNIX_SECONDS, '<timestamp>');
}

function normaliseAssertion(assertion: JsonRecord): NormalisedAssertion {
  return {
    name: maskRunValues(String(assertion.assertion ?? '')),
    passed: assertion.error === undefined || assertion.error === null,
    skipped: assertion.skipped === true,
  };
}

function scriptErrorNames(event: string, entries: unknown): string[] {
  return records(entries).map((entry) => {
    const error = isRecord(entry.error) ? entry.error : {};
    return `${event}:${String(error.name ?? 'Error')}`;
  });
}

/**
 * Turns an exported environment or globals file (`{ values: [{ key, value }] }`, or a bare
 * array) into `{ key: value }`; the last duplicate wins, as on import.
 *
 * @example normaliseVariables({ values: [{ key: 'a', value: '1' }] }) // { a: '1' }
 */
export function normaliseVariables(exported: unknown): Record<string, unknown> {
  const values = Array.isArray(exported) ? exported : isRecord(exported) ? exported.values : undefined;
  const out: Record<string, unknown> = {};
  for (const variable of records(values)) {
    if (typeof variable.key !== 'string') continue;
    out[variable.key] = variable.value;
  }
  return out;
}

/** Assembles the comparable result from the three files a run writes. */
export function normaliseRun(
  report: unknown,
  environment: unknown,
  globals: unknown,
  exitCode: number | undefined,
  secretKeys: ReadonlySet<string> = new Set(),
): NormalisedResult {
  const result: NormalisedResult = {
    executions: normaliseExecutions(report),
    environment: maskSecrets(normaliseVariables(environment), secretKeys),
    globals: maskSecrets(normaliseVariables(globals), secretKeys),
  };
  if (exitCode !== undefined) result.exitCode = exitCode;
  return result;
}

/**
 * Postern redacts secret values in exports on purpose (issue #2) while Newman writes them: the
 * variables declared `secret` in the case's input files are compared by presence only.
 */
function maskSecrets(
  values: Record<string, unknown>,
  secretKeys: ReadonlySet<string>,
): Record<string, unknown> {
  for (const key of secretKeys) if (key in values) values[key] = '<secret>';
  return values;
}

/** Keys of the `type: "secret"` variables in environment or globals documents. */
export function secretKeysOf(...documents: unknown[]): Set<string> {
  const keys = new Set<string>();
  for (const document of documents) {
    const values = Array.isArray(document) ? document : isRecord(document) ? document.values : undefined;
    for (const variable of records(values)) {
      if (variable.type === 'secret' && typeof variable.key === 'string') keys.add(variable.key);
    }
  }
  return keys;
}
