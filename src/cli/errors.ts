/**
 * How failures reach the user: one line naming what is wrong and what to do. A stack trace only
 * with --debug (or MDE_CONSOLE_DEBUG=1), because operators paste these lines into tickets.
 */
export class UserError extends Error {
  /** Exit code for the process: 2 bad input or refused, 1 failure, 3 could not run (check/sync). */
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function describeError(err: unknown, debug: boolean): string {
  if (debug && err instanceof Error && err.stack) return err.stack;
  if (err instanceof Error) {
    // ApiError and friends put the whole story in one line via toString/message.
    const line = err.message.split('\n')[0] ?? String(err);
    return line;
  }
  return String(err);
}
