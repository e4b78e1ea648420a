/** A refusal the operator fixes by typing something else: bad usage or bad input (exit code 2). */
export class CliError extends Error {
  override name = 'CliError';
}
