/**
 * Stable error codes shared by the API and the client. The API throws them (AppError) and sends them in
 * `error.data.appCode`; the client translates them. Never rename a code: add a new one.
 */
export const ERROR_CODES = {
  // generic
  BAD_INPUT: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
  /** A tRPC batch with more calls than MAX_BATCH_CALLS. */
  BATCH_TOO_LARGE: 'BAD_REQUEST',
  /** A request body over the API's limit (not an upload: those go to the store). */
  REQUEST_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The caller's role in this home does not allow it (details.role, details.needs). */
  FORBIDDEN: 'FORBIDDEN',
  // homes and invites
  HOME_LIMIT_REACHED: 'FORBIDDEN',
  HOME_FULL: 'FORBIDDEN',
  HOME_NAME_MISMATCH: 'BAD_REQUEST',
  /** The owner leaves only after handing the home to another member (or by deleting it). */
  HOME_OWNER_MUST_HAND_OVER: 'PRECONDITION_FAILED',
  INVITE_NOT_FOUND: 'NOT_FOUND',
  INVITE_EXPIRED: 'PRECONDITION_FAILED',
  INVITE_REVOKED: 'PRECONDITION_FAILED',
  INVITE_USED_UP: 'PRECONDITION_FAILED',
  INVITE_LIMIT_REACHED: 'FORBIDDEN',
  // accounts
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  USERNAME_TAKEN: 'CONFLICT',
  LOCKED_OUT: 'TOO_MANY_REQUESTS',
  SESSION_EXPIRED: 'UNAUTHORIZED',
  /** auth.changePassword: the current password is wrong (details.attemptsLeft, as for a sign-in). */
  WRONG_PASSWORD: 'BAD_REQUEST',
  /** auth.changePassword on an account made by WeChat sign-in, which has no password to change. */
  NO_PASSWORD: 'PRECONDITION_FAILED',
  /** account.delete while the caller owns a home others are in (details.homes: how many): hand it over first. */
  ACCOUNT_OWNS_SHARED_HOME: 'PRECONDITION_FAILED',
  /** account.delete of an account without a password: the display name typed does not match. */
  ACCOUNT_CONFIRM_MISMATCH: 'BAD_REQUEST',
  /** account.delete of a password account without the password. */
  PASSWORD_REQUIRED: 'BAD_REQUEST',
  WECHAT_NOT_CONFIGURED: 'PRECONDITION_FAILED',
  WECHAT_LOGIN_FAILED: 'BAD_REQUEST',
  WECHAT_ALREADY_LINKED: 'CONFLICT',
  /** WeChat's other APIs (e.g. the mini-program code) failed; details.reason says how. */
  WECHAT_UNAVAILABLE: 'BAD_GATEWAY',
  // exports
  /** The caller already has an export downloading; one at a time per account. */
  EXPORT_IN_PROGRESS: 'CONFLICT',
  // albums
  ALBUM_LIMIT_REACHED: 'FORBIDDEN',
  // family life
  CHILD_LIMIT_REACHED: 'FORBIDDEN',
  /** A birthday too far in the future for a due date (details.maxDaysAhead). */
  CHILD_BIRTHDAY_TOO_FAR: 'BAD_REQUEST',
  MILESTONE_LIMIT_REACHED: 'FORBIDDEN',
  GROWTH_LIMIT_REACHED: 'FORBIDDEN',
  /** A growth record dated before the child's birth. */
  GROWTH_BEFORE_BIRTH: 'BAD_REQUEST',
  /** Deleting someone else's comment without owning the home. */
  COMMENT_NOT_YOURS: 'FORBIDDEN',
  /** The subscribe template is not the configured one, or the caller has no WeChat to send to. */
  NOTIFY_UNAVAILABLE: 'PRECONDITION_FAILED',
  // storage binding
  STORAGE_BAD_KEYS: 'BAD_REQUEST',
  STORAGE_NO_SUCH_BUCKET: 'BAD_REQUEST',
  STORAGE_WRONG_REGION: 'BAD_REQUEST',
  STORAGE_DOMAIN_INVALID: 'BAD_REQUEST',
  STORAGE_UNREACHABLE: 'BAD_GATEWAY',
  /** The storage says this server's clock is too far off its own: signed URLs would be refused. */
  STORAGE_CLOCK_SKEW: 'BAD_REQUEST',
  /** The bucket's CORS rules do not let the H5 app upload from its origin (details say what is missing). */
  STORAGE_CORS_MISSING: 'BAD_REQUEST',
  STORAGE_NOT_BOUND: 'PRECONDITION_FAILED',
  /** An S3 endpoint of one's own (MinIO, custom) on a server whose operator has not allowed them. */
  STORAGE_ENDPOINT_NOT_ALLOWED: 'FORBIDDEN',
  STORAGE_UNBOUND_PHOTO: 'PRECONDITION_FAILED',
  // uploads
  UPLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UPLOAD_UNSUPPORTED_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UPLOAD_NOT_IN_STORAGE: 'PRECONDITION_FAILED',
  UPLOAD_EXPIRED: 'PRECONDITION_FAILED',
  // community (维扣图元)
  /** The account is suspended from the community (details.until: when it ends; absent: until lifted). */
  COMMUNITY_SUSPENDED: 'FORBIDDEN',
  /** An admin-only community action by someone who is not an admin. */
  COMMUNITY_NOT_ADMIN: 'FORBIDDEN',
  /** Publishing a photo the caller did not upload. */
  WORK_NOT_YOURS: 'FORBIDDEN',
  /** The automatic content check refused the text or image. */
  CONTENT_REJECTED: 'BAD_REQUEST',
  /** One of the two has blocked the other. */
  COMMUNITY_BLOCKED: 'FORBIDDEN',
  /** A message to someone who does not follow back and has not accepted a request. */
  MESSAGE_NOT_ALLOWED: 'FORBIDDEN',
  /** A challenge's submission or voting window is not open. */
  CHALLENGE_CLOSED: 'PRECONDITION_FAILED',
  /** More entries in a challenge than its rules allow one user. */
  CHALLENGE_ENTRY_LIMIT: 'FORBIDDEN',
  /** Voting for one's own work. */
  VOTE_OWN_WORK: 'FORBIDDEN',
} as const satisfies Record<string, TrpcCode>;

/** The subset of tRPC error codes we map onto. */
export type TrpcCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'BAD_GATEWAY';

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Extra, non-secret facts an error may carry for the client (e.g. seconds until a lockout ends). */
export interface AppErrorDetails {
  retryAfterSeconds?: number;
  field?: string;
  duplicateOfPhotoId?: string;
  [key: string]: string | number | boolean | undefined;
}

/** The shape the API puts in tRPC's `error.data` for every error. */
export interface AppErrorData {
  appCode: ErrorCode;
  details?: AppErrorDetails;
  /** zod issues for BAD_INPUT: path and message only. */
  issues?: { path: string; message: string }[];
}
