import { type AppErrorDetails, ERROR_CODES, type ErrorCode } from '@xiaojia/shared';

/**
 * A domain error with a stable code from packages/shared. Services throw it; the tRPC edge maps it to
 * the matching TRPCError code and puts `appCode` in `error.data` for the client to translate.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: AppErrorDetails,
  ) {
    super(message);
  }

  get trpcCode() {
    return ERROR_CODES[this.code];
  }
}
