/**
 * SARIF 2.1.0 output, for code-scanning dashboards (GitHub, GitLab, Azure DevOps). Each result
 * carries a physical location (file, line, column), the JSON path as a logical location, and the
 * fingerprint as a partial fingerprint so dashboards track a finding across commits.
 */
import { ruleById } from './rules/index.ts';
import type { Finding, Rule } from './types.ts';

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function artifactUri(file: string): string {
  return encodeURI(file.replace(/\\/g, '/'));
}

function describe(f: Finding): Rule {
  return (
    ruleById(f.ruleId) ?? { id: f.ruleId, provider: f.provider, description: f.ruleId, kind: 'provider' }
  );
}

/**
 * The SARIF log object for a scan.
 *
 * @example
 * toSarif(findings, { name: 'postern', version: '0.1.0' }).runs[0].results.length;
 */
export function toSarif(findings: readonly Finding[], tool: SarifTool) {
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  for (const f of findings) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, rules.length);
    rules.push(describe(f));
  }
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: rules.map((r) => ({
              id: r.id,
              name: pascalCase(r.id),
              shortDescription: { text: r.description },
              defaultConfiguration: { level: 'error' },
              properties: { provider: r.provider, kind: r.kind, tags: ['security', 'secret'] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
          level: 'error',
          message: {
            text: `${describe(f).description} (${f.redacted})${f.jsonPath ? ` at ${f.jsonPath}` : ''}`,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file ?? '') },
                region: { startLine: f.line, startColumn: f.column },
              },
              ...(f.jsonPath
                ? { logicalLocations: [{ fullyQualifiedName: f.jsonPath, kind: 'value' }] }
                : {}),
            },
          ],
          partialFingerprints: { 'postern/secret/v1': f.fingerprint },
        })),
      },
    ],
  };
}

/**
 * The SARIF log as text.
 *
 * @example
 * formatSarif(findings, { name: 'postern', version: '0.1.0' });
 */
export function formatSarif(findings: readonly Finding[], tool: SarifTool): string {
  return `${JSON.stringify(toSarif(findings, tool), null, 2)}\n`;
}
