/**
 * A normalised text that remembers where each of its UTF-16 units came from, so that a match found in
 * the normalised text is reported as a span of the ORIGINAL text (redaction and findings depend on it).
 * `starts[i]`/`ends[i]` are the original span of normalised unit i; null means "identity" (nothing changed).
 */
export interface MappedText {
  readonly text: string;
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
}

/** A character transformer: the replacement for one code point, '' to drop it, undefined to keep it. */
export type CharTransformer = (char: string) => string | undefined;

export const identity = (text: string): MappedText => ({ text, starts: null, ends: null });

/** Original span of the normalised range [start, end). */
export function originalSpan(mapped: MappedText, start: number, end: number): { start: number; end: number } {
  if (!mapped.starts || !mapped.ends) return { start, end };
  if (end <= start) {
    const at = start < mapped.starts.length ? mapped.starts[start] : mapped.ends[mapped.ends.length - 1] ?? 0;
    return { start: at, end: at };
  }
  return { start: mapped.starts[start], end: mapped.ends[end - 1] };
}

/**
 * Applies character transformers in order, code point by code point. Returns the input unchanged (same
 * object) when no transformer changed anything, so clean ASCII text costs one pass and no allocation.
 */
export function applyCharTransformers(input: MappedText, transformers: readonly CharTransformer[]): MappedText {
  const { text } = input;
  let out: string[] | null = null;
  let starts: number[] | null = null;
  let ends: number[] | null = null;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const char = width === 2 ? text.slice(i, i + 2) : text[i];
    let replaced = char;
    for (const transform of transformers) {
      const next = transform(replaced);
      if (next !== undefined) replaced = next;
      if (replaced === '') break;
    }
    if (replaced !== char && out === null) {
      // first change: copy what came before as identity
      out = [text.slice(0, i)];
      starts = [];
      ends = [];
      for (let k = 0; k < i; k++) {
        starts.push(origStart(input, k));
        ends.push(origEnd(input, k));
      }
    }
    if (out !== null) {
      out.push(replaced);
      const s = origStart(input, i);
      const e = origEnd(input, i + width - 1);
      for (let k = 0; k < replaced.length; k++) {
        starts!.push(s);
        ends!.push(e);
      }
    }
    i += width;
  }
  if (out === null) return input;
  return { text: out.join(''), starts: Int32Array.from(starts!), ends: Int32Array.from(ends!) };
}

function origStart(m: MappedText, i: number): number {
  return m.starts ? m.starts[i] : i;
}
function origEnd(m: MappedText, i: number): number {
  return m.ends ? m.ends[i] : i + 1;
}
