/** The report's inline stylesheet (the HTML file must stand alone: no external assets). */
export const REPORT_CSS = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --skip: #9a6700; --muted: #6e7781;
  --border: #d0d7de; --panel: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --panel: #161b22; --border: #30363d; --muted: #8b949e; } }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1100px;
  padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--border); padding-bottom: 6px; margin-top: 32px; }
h4 { margin: 16px 0 6px; font-size: 13px; text-transform: uppercase; color: var(--muted); }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: 10px 14px; min-width: 150px; background: var(--panel); }
.card b { display: block; font-size: 20px; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .skip { color: var(--skip); }
details.execution { border: 1px solid var(--border); border-left: 4px solid var(--pass); border-radius: 6px;
  margin: 8px 0; }
details.execution.failed { border-left-color: var(--fail); }
details.execution > summary { cursor: pointer; padding: 8px 12px; list-style-position: inside; }
details.execution > div { padding: 0 12px 12px; }
.method { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.meta { color: var(--muted); margin-left: 8px; }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px;
  overflow: auto; max-height: 400px; white-space: pre-wrap; word-break: break-all; margin: 6px 0; }
code, .url { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
ul.assertions { list-style: none; padding: 0; margin: 0; }
ul.assertions li { padding: 2px 0; }
ol.failures li { margin-bottom: 10px; }
`;
