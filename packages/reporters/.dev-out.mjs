import { createRequire as __cr } from 'node:module'; const require = __cr('/work/main/packages/reporters/package.json');

// packages/reporters/src/json/json-reporter.ts
import { randomUUID } from "node:crypto";

// packages/reporters/src/shared/collection-index.ts
function indexCollection(collection) {
  const index = /* @__PURE__ */ new Map();
  const root = { id: collectionId(collection), name: collection.info.name };
  const walk = (nodes, parent) => {
    for (const node of nodes) {
      if (isFolder(node)) walk(node.item, { id: node.id, name: node.name });
      else index.set(node.id, { definition: node, parent });
    }
  };
  walk(collection.item ?? [], root);
  return index;
}
function isFolder(node) {
  return Array.isArray(node.item);
}
function collectionId(collection) {
  const id = collection.info._postman_id ?? collection.id;
  return typeof id === "string" ? id : "";
}

// packages/reporters/src/shared/execution-tracker.ts
function trackExecutions(onExecution) {
  const inFlight = /* @__PURE__ */ new Map();
  const recordOf = (cursor, item) => {
    let record = inFlight.get(cursor.ref);
    if (!record) {
      record = { cursor, item, assertions: [], prerequestErrors: [], testErrors: [], skipped: false };
      inFlight.set(cursor.ref, record);
    }
    return record;
  };
  return {
    beforeItem(e) {
      recordOf(e.cursor, e.item);
    },
    prerequest(e) {
      const record = recordOf(e.cursor, e.item);
      for (const execution of e.executions)
        if (execution.error) record.prerequestErrors.push(execution.error);
    },
    request(e) {
      if (e.sendRequest) return;
      const record = recordOf(e.cursor, e.item);
      record.cursor = e.cursor;
      record.request = e.request;
      record.response = e.response;
      record.requestError = e.error;
    },
    assertion(e) {
      recordOf(e.cursor, e.item).assertions.push(e.assertion);
    },
    test(e) {
      const record = recordOf(e.cursor, e.item);
      for (const execution of e.executions) if (execution.error) record.testErrors.push(execution.error);
    },
    item(e) {
      const record = inFlight.get(e.cursor.ref) ?? recordOf(e.cursor, e.item);
      inFlight.delete(e.cursor.ref);
      record.skipped = e.skipped === true;
      onExecution(record);
    }
  };
}

// packages/reporters/src/shared/options.ts
function lookup(options, name) {
  if (name in options) return options[name];
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return options[kebab];
}
function optionText(options, name) {
  const value = lookup(options, name);
  return typeof value === "string" && value !== "" ? value : void 0;
}

// packages/reporters/src/shared/report-file.ts
import { createWriteStream, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
function defaultReportName(extension, date) {
  return `newman-run-report-${date.toISOString().replace(/[^\d]+/g, "-")}0.${extension}`;
}
function resolveReportPath(args) {
  const name = defaultReportName(args.extension, args.now);
  if (!args.exportOption) return join(args.cwd, "newman", name);
  const target = resolve(args.cwd, args.exportOption);
  return isDirectory(target) ? join(target, name) : target;
}
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
function openReportFile(path) {
  mkdirSync(dirname(path), { recursive: true });
  return createWriteStream(path, { encoding: "utf8" });
}
async function writeText(stream, text) {
  if (!stream.write(text)) await new Promise((done) => stream.once("drain", done));
}
function finishFile(stream) {
  return new Promise((done, fail) => {
    stream.once("error", fail);
    stream.end(() => done());
  });
}

// packages/reporters/src/shared/spool-file.ts
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
import { createInterface } from "node:readline";
var FLUSH_AT_BYTES = 64 * 1024;
var SpoolFile = class {
  path;
  dir;
  fd;
  pending = [];
  pendingLength = 0;
  /** Number of `append` calls so far (lets callers know whether a separator is needed). */
  entries = 0;
  /**
   * @example
   * const spool = new SpoolFile('executions');
   * spool.append('{"id":1}');
   * await spool.pipeTo(output);
   * spool.dispose();
   */
  constructor(label) {
    this.dir = mkdtempSync(join2(tmpdir(), `postern-${label}-`));
    this.path = join2(this.dir, `${label}.part`);
    this.fd = openSync(this.path, "w");
  }
  append(text) {
    if (this.fd === void 0) throw new Error(`spool ${this.path} is closed`);
    this.entries += 1;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT_BYTES) this.flush();
  }
  flush() {
    if (this.fd === void 0 || this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
  }
  /** Closes the file for writing and streams its content into `target` (left open). */
  async pipeTo(target) {
    this.flush();
    if (this.fd !== void 0) {
      closeSync(this.fd);
      this.fd = void 0;
    }
    const source = createReadStream(this.path);
    for await (const chunk of source) {
      if (!target.write(chunk)) await new Promise((resolve2) => target.once("drain", resolve2));
    }
  }
  /** Closes the file for writing and yields it back line by line (for entries appended with a `\n`). */
  async *lines() {
    this.flush();
    if (this.fd !== void 0) {
      closeSync(this.fd);
      this.fd = void 0;
    }
    const reader = createInterface({ input: createReadStream(this.path, "utf8"), crlfDelay: Infinity });
    for await (const line of reader) if (line !== "") yield line;
  }
  /** Deletes the temporary file and its folder. Safe to call more than once. */
  dispose() {
    if (this.fd !== void 0) {
      closeSync(this.fd);
      this.fd = void 0;
    }
    this.pending = [];
    rmSync(this.dir, { recursive: true, force: true });
  }
};

// packages/reporters/src/shared/failure-text.ts
function failureLocation(failure) {
  if (failure.at === "assertion") return `assertion:${failure.error.index ?? 0} in test-script`;
  return failure.at;
}

// packages/reporters/src/json/postman-url.ts
var URL_PARTS = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:([^/?#@]*)@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i;
function toPostmanUrl(raw) {
  const match = URL_PARTS.exec(raw);
  if (!match) return { path: [], host: [raw], query: [], variable: [] };
  const [, protocol, userInfo, hostname = "", port, pathname = "", search, hash] = match;
  const url = { path: [], host: [], query: [], variable: [] };
  if (protocol) url.protocol = protocol;
  if (userInfo !== void 0) {
    const separator = userInfo.indexOf(":");
    url.auth = separator === -1 ? { user: userInfo, password: "" } : { user: userInfo.slice(0, separator), password: userInfo.slice(separator + 1) };
  }
  if (port) url.port = port;
  url.path = pathname === "" ? [] : pathname.replace(/^\//, "").split("/");
  url.host = hostname.startsWith("[") ? [hostname] : hostname.split(".");
  if (search !== void 0 && search !== "") {
    url.query = search.split("&").map((pair) => {
      const equals = pair.indexOf("=");
      return equals === -1 ? { key: pair, value: null } : { key: pair.slice(0, equals), value: pair.slice(equals + 1) };
    });
  }
  if (hash !== void 0) url.hash = hash;
  return url;
}

// packages/reporters/src/json/newman-json.ts
var ITEM_CACHE_LIMIT = 1e4;
var NewmanJsonWriter = class {
  /**
   * @example
   * const writer = new NewmanJsonWriter(indexCollection(collection), redact);
   * spool.append(writer.execution(record));
   */
  constructor(index, redact) {
    this.index = index;
    this.redact = redact;
    this.replacer = (_key, value) => typeof value === "string" ? redact(value) : value;
  }
  index;
  redact;
  replacer;
  itemJson = /* @__PURE__ */ new Map();
  /** JSON text of any value, strings redacted. */
  stringify(value, indent) {
    return JSON.stringify(value, this.replacer, indent) ?? "null";
  }
  /** `{id, name, request, response, event}` from the collection, or `{id, name}` when unknown. */
  item(item) {
    const cached = this.itemJson.get(item.id);
    if (cached !== void 0) return cached;
    const definition = this.index.get(item.id)?.definition;
    const json = this.stringify(
      definition ? {
        id: definition.id,
        name: definition.name,
        request: withUrlLists(definition.request),
        response: definition.response ?? [],
        event: definition.event
      } : { id: item.id, name: item.name }
    );
    if (this.itemJson.size < ITEM_CACHE_LIMIT) this.itemJson.set(item.id, json);
    return json;
  }
  /** One `run.executions[]` entry. */
  execution(record, responseId) {
    const r2 = this.redact;
    const { request, response } = record;
    let json = `{"cursor":${JSON.stringify(cursorJson(record.cursor, r2))},"item":${this.item(record.item)}`;
    if (request) {
      const requestJson = {
        url: toPostmanUrl(r2(request.url)),
        header: redactHeaders(request.headers, r2),
        method: r2(request.method)
      };
      if (request.body !== void 0) requestJson.body = { mode: "raw", raw: r2(request.body) };
      json += `,"request":${JSON.stringify(requestJson)}`;
    }
    if (response) {
      const body = redactBytes(response.body, r2);
      json += `,"response":{"id":${JSON.stringify(responseId)},"status":${JSON.stringify(r2(response.status))},"code":${response.code},"header":${JSON.stringify(redactHeaders(response.headers, r2))},"stream":{"type":"Buffer","data":[${body.join(",")}]},"cookie":[],"responseTime":${response.responseTime},"responseSize":${response.responseSize}}`;
    }
    json += `,"id":${JSON.stringify(r2(record.item.id))}`;
    if (record.requestError) json += `,"requestError":${JSON.stringify(errorJson(record.requestError, r2))}`;
    if (record.prerequestErrors.length > 0) {
      json += `,"prerequestScript":${scriptErrorsJson(record.prerequestErrors, r2)}`;
    }
    if (record.testErrors.length > 0) json += `,"testScript":${scriptErrorsJson(record.testErrors, r2)}`;
    const assertions = record.assertions.map((a) => {
      const entry = { assertion: r2(a.name), skipped: a.skipped };
      if (a.error && !a.passed) {
        entry.error = {
          name: r2(a.error.name),
          index: a.index,
          test: r2(a.name),
          message: r2(a.error.message),
          stack: a.error.stack === void 0 ? void 0 : r2(a.error.stack)
        };
      }
      return entry;
    });
    return `${json},"assertions":${JSON.stringify(assertions)}}`;
  }
  /** One `run.failures[]` entry. */
  failure(failure) {
    const indexed = this.index.get(failure.source.id);
    const parent = failure.parent ?? indexed?.parent;
    const parts = [
      member("error", this.stringify(failure.error)),
      member("at", this.stringify(failureLocation(failure))),
      member("source", this.item(failure.source))
    ];
    if (parent) parts.push(member("parent", this.stringify(parent)));
    parts.push(member("cursor", JSON.stringify(cursorJson(failure.cursor, this.redact))));
    return `{${parts.join(",")}}`;
  }
};
function member(key, json) {
  return `${JSON.stringify(key)}:${json}`;
}
function errorJson(error, r2) {
  return { name: r2(error.name), message: r2(error.message), stack: error.stack === void 0 ? void 0 : r2(error.stack) };
}
function scriptErrorsJson(errors, r2) {
  return JSON.stringify(errors.map((error) => ({ error: errorJson(error, r2) })));
}
function redactHeaders(headers, r2) {
  return headers.map((h) => ({ key: r2(h.key), value: r2(h.value) }));
}
function cursorJson(cursor, r2) {
  if (!cursor) return {};
  return {
    position: cursor.position,
    iteration: cursor.iteration,
    length: cursor.length,
    cycles: cursor.cycles,
    empty: cursor.length === 0,
    eof: cursor.position >= cursor.length - 1,
    bof: cursor.position === 0,
    cr: false,
    ref: r2(cursor.ref),
    httpRequestId: cursor.httpRequestId === void 0 ? void 0 : r2(cursor.httpRequestId),
    scriptId: cursor.scriptId === void 0 ? void 0 : r2(cursor.scriptId)
  };
}
function redactBytes(body, redact) {
  const text = body.toString("utf8");
  const redacted = redact(text);
  return redacted === text ? body : Buffer.from(redacted, "utf8");
}
function variableScopeJson(scope, fallbackId) {
  const json = { id: scope?.id ?? fallbackId };
  if (scope?.name !== void 0) json.name = scope.name;
  json.values = (scope?.values ?? []).map((v) => ({ type: v.type ?? "any", value: v.value, key: v.key }));
  return json;
}
function collectionJson(collection, summary) {
  const withLists = (nodes) => nodes.map((node) => {
    if (Array.isArray(node.item)) return { ...node, item: withLists(node.item) };
    const item = node;
    return item.request ? { ...item, request: withUrlLists(item.request) } : item;
  });
  return {
    ...collection,
    item: withLists(collection.item ?? []),
    variable: summary.collectionVariables ?? collection.variable,
    _: { postman_id: collectionId(collection) }
  };
}
function withUrlLists(request) {
  const url = request.url;
  if (!url || typeof url !== "object" || url.query && url.variable) return request;
  return { ...request, url: { ...url, query: url.query ?? [], variable: url.variable ?? [] } };
}
function timingsJson(summary) {
  const zero = {
    responseAverage: 0,
    responseMin: 0,
    responseMax: 0,
    responseSd: 0,
    dnsAverage: 0,
    dnsMin: 0,
    dnsMax: 0,
    dnsSd: 0,
    firstByteAverage: 0,
    firstByteMin: 0,
    firstByteMax: 0,
    firstByteSd: 0
  };
  return { ...zero, ...summary.timings };
}

// packages/reporters/src/json/json-reporter.ts
var jsonReporter = (options, ctx2) => {
  const writer = new NewmanJsonWriter(indexCollection(ctx2.collection), ctx2.redact);
  const executions = new SpoolFile("json-executions");
  const failures = new SpoolFile("json-failures");
  let written;
  const appendEntry = (spool, json) => {
    spool.append(spool.entries === 0 ? `
      ${json}` : `,
      ${json}`);
  };
  const tracker = trackExecutions((record) => {
    if (!record.request && record.assertions.length === 0 && record.prerequestErrors.length === 0) return;
    appendEntry(executions, writer.execution(record, randomUUID()));
  });
  return {
    ...tracker,
    failure(e) {
      appendEntry(failures, writer.failure(e));
    },
    done(e) {
      const path = resolveReportPath({
        exportOption: optionText(options, "export"),
        extension: "json",
        cwd: ctx2.cwd,
        now: (ctx2.now ?? (() => /* @__PURE__ */ new Date()))()
      });
      written ??= writeReport(path, e.summary, ctx2, writer, executions, failures).finally(() => {
        executions.dispose();
        failures.dispose();
      });
      return written;
    },
    async close() {
      if (written) await written;
      executions.dispose();
      failures.dispose();
    }
  };
};
async function writeReport(path, summary, ctx2, writer, executions, failures) {
  const file = openReportFile(path);
  const pretty = (value, depth) => writer.stringify(value, 2).replace(/\n/g, `
${"  ".repeat(depth)}`);
  const closeList = (spool) => spool.entries === 0 ? "]" : "\n    ]";
  try {
    await writeText(
      file,
      `{
  "collection": ${pretty(collectionJson(ctx2.collection, summary), 1)},
  "environment": ${pretty(variableScopeJson(summary.environment ?? ctx2.environment, randomUUID()), 1)},
  "globals": ${pretty(variableScopeJson(summary.globals ?? ctx2.globals, randomUUID()), 1)},
  "run": {
    "stats": ${pretty(summary.stats, 2)},
    "timings": ${pretty(timingsJson(summary), 2)},
    "executions": [`
    );
    await executions.pipeTo(file);
    await writeText(
      file,
      `${closeList(executions)},
    "transfers": ${pretty(summary.transfers, 2)},
    "failures": [`
    );
    await failures.pipeTo(file);
    await writeText(
      file,
      `${closeList(failures)},
    "error": ${pretty(summary.error ?? null, 2)}
  }
}
`
    );
  } finally {
    await finishFile(file);
  }
}

// packages/reporters/src/test-support/synthetic-run.ts
var STATUS_TEXT = { 200: "OK", 404: "Not Found" };
function syntheticItem(index) {
  const paths = [[], ["Folder A"], ["Folder A", "Sub F"]];
  return { id: `item-${index}`, name: `request ${index}`, path: paths[index % 3] ?? [] };
}
function syntheticCollection(items, baseUrl = "http://127.0.0.1:9") {
  const node = (i) => ({
    id: `item-${i}`,
    name: `request ${i}`,
    event: [{ listen: "test", script: { exec: ['pm.test("status is 200", () => {});'] } }],
    variable: [],
    request: { url: { raw: `${baseUrl}/things/${i}` }, method: "GET", header: [] },
    response: []
  });
  const sub = { id: "folder-sub", name: "Sub F", item: [], event: [], variable: [] };
  const folder = {
    id: "folder-a",
    name: "Folder A",
    item: [],
    event: [],
    variable: []
  };
  const root = [];
  for (let i = 0; i < items; i++) {
    const target = i % 3 === 0 ? root : i % 3 === 1 ? folder.item : sub.item;
    target.push(node(i));
  }
  if (items > 1) root.push(folder);
  if (items > 2) folder.item.push(sub);
  return {
    info: { _postman_id: "collection-1", name: "Synthetic Collection", schema: "v2.1.0" },
    item: root,
    event: [],
    variable: [{ key: "baseUrl", value: baseUrl }]
  };
}
function syntheticContext(overrides) {
  const chunks = [];
  const stdout = {
    write(chunk) {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    },
    once() {
      return stdout;
    }
  };
  return {
    collection: syntheticCollection(overrides.items ?? 3),
    redact: (text) => text,
    stdout,
    color: false,
    silent: false,
    verbose: false,
    now: () => /* @__PURE__ */ new Date("2024-05-06T07:08:09.123Z"),
    ...overrides,
    output: () => chunks.join("")
  };
}
function emptyStats() {
  const counter = () => ({ total: 0, pending: 0, failed: 0 });
  return {
    iterations: counter(),
    items: counter(),
    scripts: counter(),
    prerequests: counter(),
    requests: counter(),
    tests: counter(),
    assertions: counter(),
    testScripts: counter(),
    prerequestScripts: counter()
  };
}
var every = (n2, k) => n2 !== void 0 && n2 > 0 && k % n2 === n2 - 1;
async function emitSyntheticRun(listener, options) {
  const iterations = options.iterations ?? 1;
  const secret = options.secret ?? "";
  const baseUrl = options.baseUrl ?? "http://127.0.0.1:9";
  const stats = emptyStats();
  const started = Date.parse("2024-05-06T07:08:09.000Z");
  let responseTotal = 0;
  let failureCount = 0;
  let execution = 0;
  const base2 = { length: options.items, cycles: iterations };
  const body = Buffer.from(
    options.bodyBytes === void 0 ? JSON.stringify({ ok: true, token: secret, html: "<script>alert(1)</script>" }) : "x".repeat(options.bodyBytes)
  );
  listener.start?.({
    cursor: { ...base2, position: 0, iteration: 0, ref: "start" },
    collection: { id: "collection-1", name: "Synthetic Collection" }
  });
  for (let iteration = 0; iteration < iterations; iteration++) {
    const iterationCursor = { ...base2, position: 0, iteration, ref: `iteration-${iteration}` };
    listener.beforeIteration?.({ cursor: iterationCursor });
    for (let position = 0; position < options.items; position++, execution++) {
      const cursor = { ...base2, position, iteration, ref: `ref-${iteration}-${position}` };
      const item = syntheticItem(position);
      const fail = (f) => {
        failureCount += 1;
        listener.failure?.({ ...f, cursor, source: item });
      };
      listener.beforeItem?.({ cursor, item });
      stats.items.total += 1;
      listener.beforePrerequest?.({ cursor, item });
      const preError = every(options.prerequestErrorEvery, execution) ? {
        name: "ReferenceError",
        message: "undefinedThing is not defined",
        stack: "ReferenceError: at pre"
      } : void 0;
      listener.prerequest?.({ cursor, item, executions: [{ id: `pre-${position}`, error: preError }] });
      stats.prerequests.total += 1;
      stats.prerequestScripts.total += 1;
      stats.scripts.total += 1;
      if (preError) {
        stats.prerequestScripts.failed += 1;
        stats.scripts.failed += 1;
        fail({ error: preError, at: "prerequest-script" });
      }
      const request = {
        method: position % 2 === 0 ? "GET" : "POST",
        url: `${baseUrl}/things/${position}?iteration=${iteration}`,
        headers: [
          { key: "Authorization", value: `Bearer ${secret}` },
          { key: "Content-Type", value: "application/json" }
        ],
        body: position % 2 === 0 ? void 0 : JSON.stringify({ position, secret })
      };
      listener.beforeRequest?.({ cursor, item, request });
      const requestCursor = { ...cursor, httpRequestId: `http-${execution}` };
      stats.requests.total += 1;
      if (every(options.requestErrorEvery, execution)) {
        const error = { name: "Error", message: "connect ECONNREFUSED 127.0.0.1:9", stack: "Error: connect" };
        listener.request?.({ cursor: requestCursor, item, request, error });
        stats.requests.failed += 1;
        fail({ error, at: "request" });
      } else {
        const code = position % 5 === 4 ? 404 : 200;
        const response = {
          code,
          status: STATUS_TEXT[code] ?? "",
          headers: [
            { key: "Content-Type", value: "application/json; charset=utf-8" },
            { key: "X-Echo", value: secret }
          ],
          body,
          responseTime: 10 + execution % 7,
          responseSize: body.length
        };
        responseTotal += body.length;
        listener.request?.({ cursor: requestCursor, item, request, response });
      }
      listener.beforeTest?.({ cursor, item });
      const failing = every(options.failAssertionEvery, execution);
      const assertions = [
        { name: "status is 200", index: 0, skipped: false, passed: true },
        failing ? {
          name: "body has id",
          index: 1,
          skipped: false,
          passed: false,
          error: {
            name: "AssertionError",
            message: `expected '${secret}' to equal 'id'`,
            stack: `AssertionError: expected '${secret}' to equal 'id'
   at test-script:2:3`
          }
        } : { name: "body has id", index: 1, skipped: false, passed: true },
        { name: "skipped check", index: 2, skipped: true, passed: true }
      ];
      for (const assertion of assertions) {
        listener.assertion?.({ cursor, item, assertion });
        stats.assertions.total += 1;
        if (assertion.error) {
          stats.assertions.failed += 1;
          fail({
            error: { ...assertion.error, test: assertion.name, index: assertion.index },
            at: "assertion"
          });
        }
      }
      if (every(options.consoleEvery, execution)) {
        listener.console?.({ cursor, item, level: "log", messages: [`token is ${secret}`, { position }] });
      }
      listener.test?.({ cursor, item, executions: [{ id: `test-${position}` }] });
      stats.tests.total += 1;
      stats.testScripts.total += 1;
      stats.scripts.total += 1;
      listener.item?.({ cursor, item });
    }
    listener.iteration?.({ cursor: iterationCursor });
    stats.iterations.total += 1;
  }
  const summary = {
    collection: { id: "collection-1", name: "Synthetic Collection" },
    environment: {
      id: "env-1",
      name: "Synthetic Env",
      values: [{ key: "token", value: secret, type: "secret" }]
    },
    globals: { id: "globals-1", values: [] },
    collectionVariables: [{ key: "baseUrl", value: baseUrl }],
    stats,
    timings: {
      started,
      completed: started + 1234,
      responseAverage: 13,
      responseMin: 10,
      responseMax: 16,
      responseSd: 2
    },
    transfers: { responseTotal },
    failureCount
  };
  await listener.done?.({ summary });
  return summary;
}

// ../../tmp/rdev/mem.ts
var ctx = syntheticContext({ cwd: "/tmp/rdev", items: 100 });
var r = jsonReporter({ export: "big.json" }, ctx);
var g = globalThis.gc;
g?.();
var base = process.memoryUsage().heapUsed;
var n = 0;
var t0 = Date.now();
var samples = [];
await emitSyntheticRun({ ...r, item(e) {
  r.item?.(e);
  n++;
  if (n % 1e4 === 0) {
    g?.();
    samples.push(((process.memoryUsage().heapUsed - base) / 1048576).toFixed(1));
  }
} }, { items: 100, iterations: 1e3, failAssertionEvery: 50, bodyBytes: 64 });
var t1 = Date.now();
await r.close?.();
console.log(samples.join(" "), "emit ms", t1 - t0, "total", Date.now() - t0);
