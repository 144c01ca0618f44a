/**
 * A start-up failure the operator can fix. Its message is one line that names the setting
 * and what to do; the entry point prints it without a stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
