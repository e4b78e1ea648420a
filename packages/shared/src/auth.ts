/**
 * Accounts: sign-up / sign-in (password and WeChat), sessions and devices. Every field has limits so a
 * client can validate before sending and the server refuses the same things with BAD_INPUT.
 */
import { z } from 'zod';
import { zOk, zPage, zPageInput } from './common.js';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 40;
export const DEVICE_LABEL_MAX = 100;
/** A WeChat `Taro.login` code is about 32 characters; anything far longer is not one. */
export const WECHAT_CODE_MAX = 128;

/** Sign-in lockout: this many failures for one username within the window refuse further attempts. */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_SECONDS = 30 * 60;
/** Sessions expire after this long without use; every use slides the expiry. */
export const SESSION_IDLE_DAYS = 30;

/** Display name given to an account created by WeChat sign-in (the user can rename it later). */
export const WECHAT_DEFAULT_DISPLAY_NAME = '微信用户';

// Control characters (including newlines) have no place in names shown in lists and logs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Case-insensitive: "Alice" and "alice" are one account; the lower-cased form is stored. */
export const zUsername = z
  .string()
  .trim()
  .toLowerCase()
  .min(USERNAME_MIN, `Username must be at least ${USERNAME_MIN} characters`)
  .max(USERNAME_MAX, `Username must be at most ${USERNAME_MAX} characters`)
  .regex(/^[a-z0-9_.-]+$/, 'Username may only use letters, digits, "_", "." and "-"');

/** Never trimmed or normalised: what the user typed is the secret. */
export const zPassword = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

export const zDisplayName = z
  .string()
  .trim()
  .min(1, 'Display name must not be empty')
  .max(DISPLAY_NAME_MAX, `Display name must be at most ${DISPLAY_NAME_MAX} characters`)
  .refine((v) => !CONTROL_CHARS.test(v), 'Display name must not contain control characters');

/** What the client calls this device ("iPhone 15", "微信小程序"); the user agent is used when absent. */
export const zDeviceLabel = z
  .string()
  .trim()
  .min(1)
  .max(DEVICE_LABEL_MAX, `Device label must be at most ${DEVICE_LABEL_MAX} characters`)
  .refine((v) => !CONTROL_CHARS.test(v), 'Device label must not contain control characters');

export const zWechatCode = z
  .string()
  .trim()
  .min(1, 'WeChat login code is missing')
  .max(WECHAT_CODE_MAX, 'WeChat login code is too long')
  .regex(/^[\x21-\x7e]+$/, 'WeChat login code has unexpected characters');

export const zSignUpInput = z.object({
  username: zUsername,
  password: zPassword,
  /** Defaults to the username. */
  displayName: zDisplayName.optional(),
  device: zDeviceLabel.optional(),
});
export type SignUpInput = z.infer<typeof zSignUpInput>;

export const zSignInInput = z.object({
  username: zUsername,
  password: zPassword,
  device: zDeviceLabel.optional(),
});
export type SignInInput = z.infer<typeof zSignInInput>;

export const zWechatSignInInput = z.object({
  /** The code from `Taro.login()`; single use, valid for five minutes. */
  code: zWechatCode,
  device: zDeviceLabel.optional(),
});
export type WechatSignInInput = z.infer<typeof zWechatSignInInput>;

export const zLinkWechatInput = z.object({ code: zWechatCode });
export type LinkWechatInput = z.infer<typeof zLinkWechatInput>;

/**
 * Changing the password asks for the current one (checked like a sign-in, counted toward the lockout);
 * the new one follows the sign-up rules. The current one is only bounded: any typo counts as a failure.
 */
export const zChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Current password is missing').max(PASSWORD_MAX),
  newPassword: zPassword,
});
export type ChangePasswordInput = z.infer<typeof zChangePasswordInput>;
/** Answer of auth.changePassword: this device stays signed in, every other one was signed out. */
export const zChangePasswordResult = z.object({
  ok: z.literal(true),
  otherDevicesSignedOut: z.number().int().nonnegative(),
});
export type ChangePasswordResult = z.infer<typeof zChangePasswordResult>;

export const zSetDisplayNameInput = z.object({ displayName: zDisplayName });
export type SetDisplayNameInput = z.infer<typeof zSetDisplayNameInput>;

export const zRevokeDeviceInput = z.object({ id: z.uuid('Device id must be a UUID') });
export type RevokeDeviceInput = z.infer<typeof zRevokeDeviceInput>;

/** The signed-in user as the client sees it: no hashes, no openid. */
export const zMe = z.object({
  id: z.string(),
  /** Null for accounts created by WeChat sign-in. */
  username: z.string().nullable(),
  displayName: z.string(),
  hasPassword: z.boolean(),
  wechatLinked: z.boolean(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof zMe>;

/** Answer to every sign-in: the bearer token is shown once, here, and never again. */
export const zAuthResult = z.object({
  token: z.string(),
  user: zMe,
  expiresAt: z.string(),
});
export type AuthResult = z.infer<typeof zAuthResult>;

/** One signed-in device (a session). */
export const zDevice = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  /** The session making this request. */
  current: z.boolean(),
});
export type Device = z.infer<typeof zDevice>;
/** auth.devices pages: most recently used first. */
export const DEVICE_PAGE_MAX = 100;
export const zListDevicesInput = zPageInput(DEVICE_PAGE_MAX, 50);
export type ListDevicesInput = z.input<typeof zListDevicesInput>;
export const zDeviceList = zPage(zDevice, DEVICE_PAGE_MAX);
export type DeviceList = z.infer<typeof zDeviceList>;

/** Answer of sign-out and revoke. */
/** { ok: true }: the one schema of that answer (zOk), under the name auth gave it first. */
export const zAuthOk = zOk;
export type AuthOk = z.infer<typeof zAuthOk>;
