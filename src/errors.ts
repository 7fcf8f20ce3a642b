/**
 * A problem the user can fix: bad config, a path that does not exist, an unknown flag value.
 * The CLI prints only the message; anything else thrown is a bug.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
