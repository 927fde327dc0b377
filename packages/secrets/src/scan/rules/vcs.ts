/** Source hosting and code collaboration: GitHub, GitLab, Bitbucket, Atlassian, Sourcegraph. */
import type { Pattern } from '../types.ts';
import { checksummedPattern, tokenPattern } from './define.ts';

const github: Pattern[] = [
  checksummedPattern('github-pat', 'GitHub', 'GitHub personal access token (classic)', 'ghp_', 30),
  checksummedPattern('github-oauth-token', 'GitHub', 'GitHub OAuth access token', 'gho_', 30),
  checksummedPattern('github-user-token', 'GitHub', 'GitHub App user-to-server token', 'ghu_', 30),
  checksummedPattern('github-app-token', 'GitHub', 'GitHub App installation token', 'ghs_', 30),
  checksummedPattern('github-refresh-token', 'GitHub', 'GitHub App refresh token', 'ghr_', 30),
  tokenPattern({
    id: 'github-fine-grained-pat',
    provider: 'GitHub',
    description: 'GitHub fine-grained personal access token',
    prefixes: ['github_pat_'],
    pattern: 'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
  }),
];

const gitlab: Pattern[] = [
  tokenPattern({
    id: 'gitlab-pat',
    provider: 'GitLab',
    description: 'GitLab personal, project or group access token',
    prefixes: ['glpat-'],
    pattern: 'glpat-[A-Za-z0-9_-]{20,64}(?:\\.[0-9a-z]{2}\\.[0-9a-z]{7,9})?',
  }),
  tokenPattern({
    id: 'gitlab-deploy-token',
    provider: 'GitLab',
    description: 'GitLab deploy token',
    prefixes: ['gldt-'],
    pattern: 'gldt-[A-Za-z0-9_-]{20,64}',
  }),
  tokenPattern({
    id: 'gitlab-runner-token',
    provider: 'GitLab',
    description: 'GitLab runner authentication token',
    prefixes: ['glrt-'],
    pattern: 'glrt-[A-Za-z0-9_-]{20,64}',
  }),
  tokenPattern({
    id: 'gitlab-runner-registration-token',
    provider: 'GitLab',
    description: 'GitLab runner registration token',
    prefixes: ['GR1348941'],
    pattern: 'GR1348941[A-Za-z0-9_-]{20}',
  }),
  tokenPattern({
    id: 'gitlab-pipeline-trigger-token',
    provider: 'GitLab',
    description: 'GitLab pipeline trigger token',
    prefixes: ['glptt-'],
    pattern: 'glptt-[a-f0-9]{40}',
  }),
  tokenPattern({
    id: 'gitlab-oauth-app-secret',
    provider: 'GitLab',
    description: 'GitLab OAuth application secret',
    prefixes: ['gloas-'],
    pattern: 'gloas-[a-f0-9]{64}',
  }),
  tokenPattern({
    id: 'gitlab-feed-token',
    provider: 'GitLab',
    description: 'GitLab feed token',
    prefixes: ['glft-'],
    pattern: 'glft-[A-Za-z0-9_-]{20}',
  }),
  tokenPattern({
    id: 'gitlab-incoming-mail-token',
    provider: 'GitLab',
    description: 'GitLab incoming mail token',
    prefixes: ['glimt-'],
    pattern: 'glimt-[A-Za-z0-9_-]{25}',
  }),
  tokenPattern({
    id: 'gitlab-scim-token',
    provider: 'GitLab',
    description: 'GitLab SCIM OAuth token',
    prefixes: ['glsoat-'],
    pattern: 'glsoat-[A-Za-z0-9_-]{20}',
  }),
  tokenPattern({
    id: 'gitlab-ci-job-token',
    provider: 'GitLab',
    description: 'GitLab CI/CD job token',
    prefixes: ['glcbt-'],
    pattern: 'glcbt-[a-f0-9]{1,5}_[A-Za-z0-9_-]{20}',
  }),
];

const others: Pattern[] = [
  tokenPattern({
    id: 'bitbucket-app-password',
    provider: 'Bitbucket',
    description: 'Bitbucket app password or API token',
    prefixes: ['ATBB'],
    pattern: 'ATBB[A-Za-z0-9_=.-]{28,64}',
  }),
  tokenPattern({
    id: 'atlassian-api-token',
    provider: 'Atlassian',
    description: 'Atlassian (Jira, Confluence) API token',
    prefixes: ['ATATT3'],
    pattern: 'ATATT3[A-Za-z0-9_=-]{150,260}',
    boundary: 'A-Za-z0-9_=\\-',
  }),
  tokenPattern({
    id: 'sourcegraph-access-token',
    provider: 'Sourcegraph',
    description: 'Sourcegraph access token',
    prefixes: ['sgp_'],
    pattern: 'sgp_(?:(?:[a-f0-9]{16}|local)_)?[a-f0-9]{40}',
  }),
];

export const vcsPatterns: readonly Pattern[] = [...github, ...gitlab, ...others];
