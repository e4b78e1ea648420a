/**
 * WeChat's message push (消息推送) to this server: how WeChat signs what it POSTs (token + timestamp + nonce,
 * sorted, SHA-1; in safe mode the ciphertext joins the four) and the safe mode's AES-256-CBC envelope
 * (key: EncodingAESKey + '=' base64-decoded; IV: the key's first 16 bytes; PKCS#7 to 32 bytes; plaintext:
 * 16 random bytes, the message's length as 4 bytes big-endian, the message, the app id). The content
 * security API's asynchronous media check answers here (Event wxa_media_check).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface PushSettings {
  /** The Token set in the mini-program's admin console (开发管理 > 消息推送). */
  token: string;
  /** The EncodingAESKey (43 characters) for safe mode; empty: plaintext mode only. */
  aesKey: string;
  appId: string;
}

export function pushSignature(parts: readonly string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Whether `signature` is WeChat's over `parts`, compared in constant time. */
export function signatureMatches(signature: string, parts: readonly string[]): boolean {
  const expected = Buffer.from(pushSignature(parts));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function aesKeyBytes(aesKey: string): Buffer {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 base64 characters');
  return key;
}

/** Opens a safe-mode Encrypt field; null when it does not decrypt or was made for another app id. */
export function decryptPush(aesKey: string, appId: string, encrypted: string): string | null {
  try {
    const key = aesKeyBytes(aesKey);
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    const pad = padded[padded.length - 1] ?? 0;
    if (pad < 1 || pad > 32) return null;
    const plain = padded.subarray(0, padded.length - pad);
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) return null;
    if (plain.subarray(20 + length).toString('utf8') !== appId) return null;
    return plain.subarray(20, 20 + length).toString('utf8');
  } catch {
    return null;
  }
}

/** Seals a message as WeChat does in safe mode (the fake WeChat's pushes, and answers to echostr checks). */
export function encryptPush(aesKey: string, appId: string, message: string): string {
  const key = aesKeyBytes(aesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}
