import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonLines, type JsonLine } from '../../src/cli/jsonl.ts';
import { readJsonLineBatches } from '../../src/tickets/read-batches.ts';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-batches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const view = (l: JsonLine) => (l.error ? { line: l.line, error: l.error.issues[0].message } : { line: l.line, value: l.value });

async function both(text: string, chunkBytes: number, linesPerBatch?: number) {
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, text);
  const expected = [];
  for await (const l of readJsonLines(file)) expected.push(view(l));
  const actual = [];
  for await (const batch of readJsonLineBatches(file, chunkBytes, linesPerBatch)) for (const l of batch) actual.push(view(l));
  return { expected, actual };
}

describe('readJsonLineBatches', () => {
  it('gives the same lines, numbers and errors as readJsonLines (readline), whatever the chunk boundaries', async () => {
    const piece = fc.constantFrom('{"a":1}', '[2]', ' ', '\n', '\r', '\r\n', '\n\n', 'x', '{', '"é"', '"\u{1F600}"', '\t', '\uFEFF');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 4 }), async (pieces, chunk, perBatch) => {
        const { expected, actual } = await both(pieces.join(''), chunk, perBatch);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a file without a final newline, and crlf files', async () => {
    const { expected, actual } = await both('{"a":1}\r\n\r\n{"b":2}\r\nnope\r\n{"c":3}', 5);
    expect(actual).toEqual(expected);
    expect(actual.map((l) => l.line)).toEqual([1, 3, 4, 5]);
  });
});
