import { QueryFailedError } from 'typeorm';

/** True when the query broke the foreign key `constraint` (a row it names does not exist). */
export function isForeignKeyViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23503' && driverError.constraint === constraint;
}
