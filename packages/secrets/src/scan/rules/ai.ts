/** AI and machine-learning platforms. */
import type { Pattern } from '../types.ts';
import { tokenPattern } from './define.ts';

export const aiPatterns: readonly Pattern[] = [
  tokenPattern({
    id: 'openai-api-key',
    provider: 'OpenAI',
    description: 'OpenAI API key',
    // Every OpenAI key carries base64 of "OpenAI" in its middle.
    keywords: ['T3BlbkFJ'],
    pattern: 'sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{16,200}T3BlbkFJ[A-Za-z0-9_-]{16,200}',
  }),
  tokenPattern({
    id: 'openai-project-key',
    provider: 'OpenAI',
    description: 'OpenAI project, service account or admin key',
    prefixes: ['sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,250}',
  }),
  tokenPattern({
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    description: 'Anthropic API or admin key',
    prefixes: ['sk-ant-api03-', 'sk-ant-admin01-'],
    pattern: 'sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA',
  }),
  tokenPattern({
    id: 'huggingface-token',
    provider: 'Hugging Face',
    description: 'Hugging Face user or organisation access token',
    prefixes: ['hf_', 'api_org_'],
    pattern: '(?:hf|api_org)_[A-Za-z]{34}',
  }),
  tokenPattern({
    id: 'groq-api-key',
    provider: 'Groq',
    description: 'Groq API key',
    prefixes: ['gsk_'],
    pattern: 'gsk_[A-Za-z0-9]{52}',
  }),
  tokenPattern({
    id: 'replicate-api-token',
    provider: 'Replicate',
    description: 'Replicate API token',
    prefixes: ['r8_'],
    pattern: 'r8_[A-Za-z0-9]{37}',
  }),
  tokenPattern({
    id: 'perplexity-api-key',
    provider: 'Perplexity',
    description: 'Perplexity API key',
    prefixes: ['pplx-'],
    pattern: 'pplx-[A-Za-z0-9]{48}',
  }),
  tokenPattern({
    id: 'xai-api-key',
    provider: 'xAI',
    description: 'xAI (Grok) API key',
    prefixes: ['xai-'],
    pattern: 'xai-[A-Za-z0-9]{80}',
  }),
  tokenPattern({
    id: 'openrouter-api-key',
    provider: 'OpenRouter',
    description: 'OpenRouter API key',
    prefixes: ['sk-or-v1-'],
    pattern: 'sk-or-v1-[a-f0-9]{64}',
  }),
  tokenPattern({
    id: 'langsmith-api-key',
    provider: 'LangSmith',
    description: 'LangSmith personal access token or service key',
    prefixes: ['lsv2_pt_', 'lsv2_sk_'],
    pattern: 'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}',
  }),
  tokenPattern({
    id: 'pinecone-api-key',
    provider: 'Pinecone',
    description: 'Pinecone API key',
    prefixes: ['pcsk_'],
    pattern: 'pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,100}',
  }),
  tokenPattern({
    id: 'tavily-api-key',
    provider: 'Tavily',
    description: 'Tavily API key',
    prefixes: ['tvly-'],
    pattern: 'tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}',
  }),
  tokenPattern({
    id: 'firecrawl-api-key',
    provider: 'Firecrawl',
    description: 'Firecrawl API key',
    prefixes: ['fc-'],
    pattern: 'fc-[a-f0-9]{32}',
  }),
  tokenPattern({
    id: 'deepseek-api-key',
    provider: 'DeepSeek',
    description: 'DeepSeek API key',
    prefixes: ['sk-'],
    pattern: 'sk-[a-f0-9]{32}',
  }),
  tokenPattern({
    id: 'fireworks-api-key',
    provider: 'Fireworks AI',
    description: 'Fireworks AI API key',
    prefixes: ['fw_'],
    pattern: 'fw_[A-Za-z0-9]{24}',
  }),
  tokenPattern({
    id: 'elevenlabs-api-key',
    provider: 'ElevenLabs',
    description: 'ElevenLabs API key',
    prefixes: ['sk_'],
    pattern: 'sk_[a-f0-9]{48}',
  }),
];
