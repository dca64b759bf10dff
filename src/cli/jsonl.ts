import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../errors.ts';

/** Exit codes shared by every file-reading command (tickets.md): */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2 } as const;

/** A line longer than this is refused on its own (a 10 MB body must not take the process down). */
export const MAX_LINE_CHARS = 1_000_000;

export type JsonLine =
  | { line: number; value: unknown; error?: undefined }
  | { line: number; value?: undefined; error: InputError };

/**
 * Streams a JSON Lines file ('-' is stdin) one parsed line at a time; memory does not grow with the input.
 * Blank lines are skipped. A line that is not JSON comes back as an error for that line, and reading goes on.
 */
export async function* readJsonLines(source: string): AsyncGenerator<JsonLine> {
  const input = source === '-' ? process.stdin : createReadStream(source, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    const text = raw.trim();
    if (text === '') continue;
    if (text.length > MAX_LINE_CHARS) {
      yield { line, error: new InputError([{ field: '', message: `the line is ${text.length} characters long; the limit is ${MAX_LINE_CHARS}` }], line) };
      continue;
    }
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      yield { line, error: new InputError([{ field: '', message: `malformed JSON: ${(error as Error).message}` }], line) };
    }
  }
}

/** Reads one JSON document from a file ('-' is stdin), or throws an InputError saying why. */
export async function readJsonFile(source: string): Promise<unknown> {
  const chunks: Buffer[] = [];
  const input = source === '-' ? process.stdin : createReadStream(source);
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError([{ field: '', message: `malformed JSON in ${source}: ${(error as Error).message}` }]);
  }
}

/** `line 3: model.intent: Invalid option …` — one stderr line per issue. */
export function describeInputError(error: InputError): string[] {
  const where = error.line !== undefined ? `line ${error.line}: ` : '';
  return error.issues.map((i) => `${where}${i.field ? `${i.field}: ` : ''}${i.message}`);
}

/** The stdout record that keeps output lines aligned with input lines when one of them is invalid. */
export function errorRecord(error: InputError, id?: unknown): Record<string, unknown> {
  return {
    line: error.line ?? null,
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    error: { code: error.code, field: error.issues[0]?.field ?? '', message: error.issues[0]?.message ?? error.message, issues: error.issues },
  };
}

/** Thrown for a usage error (missing file, unknown option): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes to stdout and waits when the pipe is full, so a slow reader never makes us buffer the whole output. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}
