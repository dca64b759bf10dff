import { createReadStream } from 'node:fs';
import { InputError } from '../errors.ts';
import { MAX_LINE_CHARS, type JsonLine } from '../cli/jsonl.ts';

/**
 * `readJsonLines` (src/cli/jsonl.ts) in batches: the same lines, numbers and errors, so a replay
 * pays one await per batch instead of an async-generator round trip and a readline event per line.
 * The file is read in large chunks (few reads), but lines are parsed `linesPerBatch` at a time, as
 * they are wanted: parsed scenarios waiting for their decision are what a young-generation GC
 * finds alive and copies, so few should wait. Line breaks are readline's with crlfDelay Infinity:
 * \n, \r\n and a lone \r. A test pins that both readers agree.
 */
export async function* readJsonLineBatches(source: string, chunkBytes = 256 * 1024, linesPerBatch = 32): AsyncGenerator<JsonLine[]> {
  const input = source === '-' ? process.stdin : createReadStream(source, { encoding: 'utf8', highWaterMark: chunkBytes });
  if (source === '-') process.stdin.setEncoding('utf8');
  let rest = '';
  let line = 0;
  const take = (raw: string, into: JsonLine[]) => {
    line += 1;
    const text = raw.trim();
    if (text === '') return;
    if (text.length > MAX_LINE_CHARS) {
      into.push({ line, error: new InputError([{ field: '', message: `the line is ${text.length} characters long; the limit is ${MAX_LINE_CHARS}` }], line) });
      return;
    }
    try {
      into.push({ line, value: JSON.parse(text) });
    } catch (error) {
      into.push({ line, error: new InputError([{ field: '', message: `malformed JSON: ${(error as Error).message}` }], line) });
    }
  };
  // a piece between two \n: a trailing \r is part of its \r\n; any other \r is a break of its own
  const splitPiece = (piece: string, into: string[]) => {
    const body = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    if (body.indexOf('\r') === -1) into.push(body);
    else for (const part of body.split('\r')) into.push(part);
  };
  // the chunk's raw lines, parsed and yielded a batch at a time
  function* parsed(raw: string[]): Generator<JsonLine[]> {
    for (let from = 0; from < raw.length; from += linesPerBatch) {
      const batch: JsonLine[] = [];
      for (let i = from; i < Math.min(from + linesPerBatch, raw.length); i++) take(raw[i], batch);
      if (batch.length) yield batch;
    }
  }
  for await (const chunk of input as AsyncIterable<string>) {
    const text = rest + chunk;
    const raw: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      splitPiece(text.slice(start, nl), raw);
      start = nl + 1;
    }
    rest = text.slice(start);
    // a lone \r ends a line too; keep one at the very end, it may be the first half of \r\n
    const cr = rest.length > 1 ? rest.lastIndexOf('\r', rest.length - 2) : -1;
    if (cr !== -1) {
      for (const part of rest.slice(0, cr).split('\r')) raw.push(part);
      rest = rest.slice(cr + 1);
    }
    yield* parsed(raw);
  }
  const last: string[] = [];
  if (rest !== '') splitPiece(rest, last);
  yield* parsed(last);
}
