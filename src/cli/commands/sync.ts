/** `mde-console sync`. */
import type { CommandInvocation } from './types.js';
import { UserError } from '../errors.js';

export async function run(inv: CommandInvocation): Promise<number> {
  throw new UserError(`"${inv.name}" is not available in this build yet (see mde-console --help)`, 2);
}
