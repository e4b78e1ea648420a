/**
 * Sealing of user secrets at rest (a bound bucket's secret key): AES-256-GCM with a server key.
 * Format: "v1.<iv>.<tag>.<ciphertext>" (base64url). The user id is bound in as associated data, so a
 * sealed value copied onto another user's row does not open.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SecretSealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export function createSealer(keyBase64url: string): SecretSealer {
  const key = Buffer.from(keyBase64url, 'base64url');
  if (key.length !== 32) throw new Error('the sealing key must be 32 bytes (base64url)');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** HMAC-SHA256 signatures for the server's own short-lived links (e.g. the download path). */
export interface LinkSigner {
  sign(message: string): string;
  verify(message: string, signature: string): boolean;
}

export function createLinkSigner(keyBase64url: string): LinkSigner {
  // A key of its own, derived from the server key, so a signature can never open a sealed secret.
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(keyBase64url, 'base64url'), '', 'xiaojia-link-signer', 32));
  const sign = (message: string) => createHmac('sha256', key).update(message).digest('base64url');
  return {
    sign,
    verify(message, signature) {
      const expected = Buffer.from(sign(message));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
