/**
 * Text a person typed can hold any Unicode character but two: NUL, which PostgreSQL cannot
 * store in `text`, and a lone UTF-16 surrogate, which is not a character at all. Both only
 * come from broken or hostile clients, so they are refused, never silently changed.
 */
export const plainTextProblem = (value: string): string | null => {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (!value.isWellFormed()) return 'must be valid Unicode (an unpaired surrogate was found)';
  return null;
};
