/** An expected sign-in fault: `message` is one line naming what is wrong and what to do. Never holds a token. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(message: string) {
    super(message);
  }
}
