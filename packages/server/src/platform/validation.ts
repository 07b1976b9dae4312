import type { z } from 'zod';
import { AppError } from './errors';

/** Parses input against a schema, or throws `validation_failed` listing every problem. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = problems[0];
  throw new AppError(
    'validation_failed',
    first ? `${first.path || 'input'}: ${first.message}` : 'The request is not valid',
    { problems },
  );
}
