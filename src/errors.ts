import type { z } from 'zod';

/** One problem with an input, pointing at the field (`store.orders[0].totalPrice`) and, in a file, the line. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** Invalid input (a scenario line, settings, a configuration, an HTTP body). Never a bug. */
export class InputError extends Error {
  override readonly name = 'InputError';
  readonly code = 'invalid_input';
  constructor(readonly issues: readonly FieldIssue[], readonly line?: number) {
    super(issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; '));
  }
  /** The same issues, prefixed with a parent field (`settings` + `mode` → `settings.mode`). */
  under(prefix: string): InputError {
    return new InputError(this.issues.map((i) => ({ field: joinField(prefix, i.field), message: i.message })), this.line);
  }
  atLine(line: number): InputError {
    return new InputError(this.issues, line);
  }
}

/** `['store', 'orders', 0, 'id']` → `store.orders[0].id` */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function joinField(prefix: string, field: string): string {
  if (!prefix) return field;
  if (!field) return prefix;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

export function fromZodError(error: z.ZodError, prefix = ''): InputError {
  return new InputError(
    error.issues.map((issue) => ({ field: joinField(prefix, fieldPath(issue.path)), message: issue.message })),
  );
}

/** Parse with a zod schema or throw an InputError naming the field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
