import { modelAnswerSchema, type ModelAnswer } from '../../tickets/scenario.ts';
import { fieldPath } from '../../errors.ts';
import { createRedactor } from '../secrets/redact.ts';
import { buildMessages } from './prompt.ts';
import type { ModelAdapter, ModelInput } from './types.ts';

/**
 * A model behind any OpenAI-compatible chat-completions endpoint (hosted APIs, Ollama, vLLM,
 * llama.cpp server). It asks for a JSON object, validates it with the same schema as a recorded
 * answer and throws a ModelError for anything else: the pipeline turns that into needs_review.
 */

export type ModelErrorCode = 'invalid_config' | 'timeout' | 'aborted' | 'network' | 'http_error' | 'malformed' | 'invalid_answer';

export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface OpenAICompatibleOptions {
  /** base URL, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (a full …/chat/completions URL works too) */
  url: string;
  /** bearer key; optional for local servers */
  apiKey?: string | null;
  model: string;
  timeoutMs?: number;
  /** sampling temperature; 0 keeps answers as repeatable as the server allows */
  temperature?: number;
  maxTokens?: number;
  /** send `response_format: { type: 'json_object' }` (servers without JSON mode: set false; the answer is still validated) */
  jsonMode?: boolean;
  fetch?: typeof fetch;
  /** log lines, already redacted */
  log?: (line: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** A ModelAdapter whose answers are already validated. */
export interface OpenAICompatibleModel extends ModelAdapter {
  readonly model: string;
  propose(input: ModelInput, signal?: AbortSignal): Promise<ModelAnswer>;
}

export function chatCompletionsUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new ModelError('invalid_config', 'GATEHOUSE_MODEL_URL must be an http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ModelError('invalid_config', 'GATEHOUSE_MODEL_URL must be an http(s) URL');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}

/** The JSON object in a reply; tolerates a ```json fence, which some local models add despite JSON mode. */
export function extractJson(content: string): unknown {
  const text = content.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text);
  return JSON.parse(fenced ? fenced[1] : text);
}

/**
 * @example
 *   const model = createOpenAICompatibleModel({ url: 'http://127.0.0.1:11434/v1', model: 'llama3.1' });
 *   const answer = await model.propose({ ticket, customer, orders, now });
 */
export function createOpenAICompatibleModel(options: OpenAICompatibleOptions): OpenAICompatibleModel {
  if (!options.model) throw new ModelError('invalid_config', 'a model name is required (GATEHOUSE_MODEL_NAME)');
  const endpoint = chatCompletionsUrl(options.url);
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const redact = createRedactor([options.apiKey]);
  const log = (line: string) => options.log?.(redact(line));
  const fail = (code: ModelErrorCode, message: string, status?: number): never => {
    throw new ModelError(code, redact(message), status);
  };

  async function propose(input: ModelInput, signal?: AbortSignal): Promise<ModelAnswer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const body = {
      model: options.model,
      messages: buildMessages(input),
      temperature: options.temperature ?? 0,
      max_tokens: options.maxTokens ?? 1_000,
      ...(options.jsonMode === false ? {} : { response_format: { type: 'json_object' } }),
    };
    const started = Date.now();
    let response: Response;
    let text: string;
    try {
      response = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal: combined });
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) fail('timeout', `the model gave no answer within ${timeoutMs} ms`);
      if (signal?.aborted) fail('aborted', 'the model call was cancelled');
      fail('network', `the model endpoint could not be reached: ${(error as Error)?.message ?? 'unknown error'}`);
    }
    log(`model ${options.model}: HTTP ${response!.status} in ${Date.now() - started} ms`);
    if (!response!.ok) fail('http_error', `the model endpoint answered HTTP ${response!.status}: ${text!.slice(0, 200)}`, response!.status);

    let content: unknown;
    try {
      const json = JSON.parse(text!) as { choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: string }[] };
      const choice = json.choices?.[0];
      if (choice?.message?.refusal) fail('invalid_answer', `the model refused: ${String(choice.message.refusal).slice(0, 200)}`);
      content = choice?.message?.content;
      if (choice?.finish_reason === 'length') fail('malformed', 'the model answer was cut off (max_tokens reached)');
    } catch (error) {
      if (error instanceof ModelError) throw error;
      fail('malformed', 'the model endpoint answered with a body that is not chat-completions JSON');
    }
    if (typeof content !== 'string' || !content.trim()) fail('malformed', 'the model answer has no message content');

    let raw: unknown;
    try {
      raw = extractJson(content as string);
    } catch {
      fail('malformed', 'the model answer is not a JSON object');
    }
    const parsed = modelAnswerSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 3).map((i) => `${fieldPath(i.path) || '(root)'}: ${i.message}`);
      fail('invalid_answer', `the model answer does not match the answer schema: ${issues.join('; ')}`);
    }
    return parsed.data!;
  }

  return { name: `openai-compatible:${options.model}`, model: options.model, propose };
}

/**
 * The configured external model, or null when GATEHOUSE_MODEL_URL is unset (the built-in model
 * is used then). GATEHOUSE_MODEL_KEY is optional (local servers); GATEHOUSE_MODEL_NAME is required.
 */
export function modelFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  extra: Pick<OpenAICompatibleOptions, 'fetch' | 'log'> = {},
): OpenAICompatibleModel | null {
  const url = env.GATEHOUSE_MODEL_URL?.trim();
  if (!url) return null;
  const model = env.GATEHOUSE_MODEL_NAME?.trim();
  if (!model) throw new ModelError('invalid_config', 'GATEHOUSE_MODEL_NAME must be set when GATEHOUSE_MODEL_URL is');
  const timeoutRaw = env.GATEHOUSE_MODEL_TIMEOUT_MS?.trim();
  const timeoutMs = timeoutRaw ? Number(timeoutRaw) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new ModelError('invalid_config', 'GATEHOUSE_MODEL_TIMEOUT_MS must be a positive whole number of milliseconds');
  }
  return createOpenAICompatibleModel({ url, apiKey: env.GATEHOUSE_MODEL_KEY?.trim() || null, model, timeoutMs, ...extra });
}
