/** Origins and files the harness hands to every run (see echo-suite.ts). */
export interface EchoUrls {
  /** Plain-HTTP echo; the same port also speaks TLS (`httpsUrl`). */
  baseUrl: string;
  /** TLS echo signed by the test CA (`tlsFiles.ca`): fails without -k or the extra CA. */
  httpsUrl: string;
  /** TLS echo that demands a client certificate signed by the test CA. */
  mtlsUrl: string;
  /** TLS echo whose certificate has expired (like expired.badssl.com): only -k gets through. */
  expiredUrl: string;
  /** Answers with the raw request bytes. */
  rawUrl: string;
  /** Newman's redirect fixture: `/n` hops and `/status/:code`. */
  redirectUrl: string;
  /** A port nothing listens on (connection refused). */
  closedUrl: string;
  /** PEM files written for --ssl-extra-ca-certs / --ssl-client-cert / --ssl-client-key. */
  tlsFiles: { ca: string; clientCert: string; clientKey: string };
}

/** One run of one collection, with Newman's run options (paths absolute). */
export interface CaseSpec {
  name: string;
  collection: string;
  environment?: string;
  globals?: string;
  iterationData?: string;
  iterationCount?: number;
  folder?: string[];
  insecure?: boolean;
  ignoreRedirects?: boolean;
  bail?: boolean;
  timeout?: number;
  timeoutRequest?: number;
  timeoutScript?: number;
  delayRequest?: number;
  sslClientCert?: string;
  sslClientKey?: string;
  sslClientPassphrase?: string;
  sslExtraCaCerts?: string;
  /** `--env-var key=value` overrides. */
  envVars?: Record<string, string>;
  /** `--global-var key=value` overrides. */
  globalVars?: Record<string, string>;
  /** Add the EchoUrls origins as `--env-var`s (default true). */
  injectEchoVars?: boolean;
  /** Base for relative file paths in the collection (form-data `src`, `file` bodies). */
  workingDir?: string;
  /** What Newman is expected to do (the corpus checks itself against the reference). */
  expect?: CaseExpectation;
}

export interface CaseExpectation {
  /** Assertion names that fail on purpose. Any other failing assertion is a corpus bug. */
  failing?: string[];
  /** Items whose request errors on purpose (closed port, TLS rejection…). */
  requestErrors?: string[];
  /** Items with a script error on purpose. */
  scriptErrors?: string[];
  /** The run stops with a fatal error and writes no report (no executions, nothing exported). */
  aborted?: boolean;
  /** Defaults to 1 when anything above is listed, else 0. */
  exitCode?: number;
}

/**
 * What Postern does on purpose where it departs from Newman (a manifest case's
 * `posternDiffers.expect`): the CaseExpectation fields, checked against Postern's result, plus
 * optionally its exact normalised executions.
 */
export interface PosternExpectation extends CaseExpectation {
  executions?: NormalisedExecution[];
}

export interface NormalisedAssertion {
  name: string;
  passed: boolean;
  skipped: boolean;
}

export interface NormalisedExecution {
  item: string;
  code?: number;
  /** The request failed without a response (refused, TLS, timeout). */
  error?: boolean;
  assertions: NormalisedAssertion[];
  /** `prerequest:TypeError`-style entries for script errors, when there were any. */
  scriptErrors?: string[];
}

/** What the two runners are compared on. Values that differ every run must not be in here. */
export interface NormalisedResult {
  executions: NormalisedExecution[];
  environment: Record<string, unknown>;
  globals: Record<string, unknown>;
  exitCode?: number;
}
