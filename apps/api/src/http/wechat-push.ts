/**
 * /api/wechat/push: WeChat's message push (消息推送), set in the mini-program's admin console with the
 * Token (WECHAT_PUSH_TOKEN), the data format JSON, and plaintext or safe mode (WECHAT_PUSH_AES_KEY).
 * - GET ?signature&timestamp&nonce&echostr: the console's URL check; answers echostr when signed.
 * - POST ?signature&timestamp&nonce[&encrypt_type=aes&msg_signature]: an event. The media check's verdict
 *   (Event wxa_media_check) updates its check by trace id (services/community/media-checks.ts); anything
 *   else is acknowledged and dropped. Unsigned or wrongly signed requests are refused (401) and change
 *   nothing; a verdict already applied (WeChat retries, a replay) changes nothing either.
 * WeChat wants "success" back, whatever it was, once the push is taken.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decryptPush, signatureMatches } from '../integrations/wechat-push.js';
import { isSuggest } from '../integrations/wechat-security.js';
import type { RouteHandler } from '../server.js';
import { MediaChecks } from '../services/community/media-checks.js';
import type { AppDeps } from '../trpc/context.js';
import { refuse } from './download.js';

export const WECHAT_PUSH_PATH = '/api/wechat/push';
const MAX_PUSH_BYTES = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PUSH_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function text(res: ServerResponse, body: string): true {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}

function parseJson(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function createWeChatPushRoute(deps: AppDeps): RouteHandler {
  const checks = new MediaChecks(deps);
  return async (req, res, pathname) => {
    if (pathname !== WECHAT_PUSH_PATH) return false;
    const { token, aesKey } = deps.config.wechatPush;
    if (token === '') return refuse(res, 404, 'the WeChat push is not configured (WECHAT_PUSH_TOKEN)');
    const query = new URL(req.url ?? '', 'http://x').searchParams;
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    const signed = signatureMatches(query.get('signature') ?? '', [token, timestamp, nonce]);
    if (req.method === 'GET') {
      if (!signed) return refuse(res, 401, 'bad signature');
      return text(res, query.get('echostr') ?? '');
    }
    if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
    const raw = await readBody(req);
    if (raw === null) return refuse(res, 413, 'push too large');
    let event = parseJson(raw);
    if (query.get('encrypt_type') === 'aes') {
      const encrypted = typeof event?.Encrypt === 'string' ? event.Encrypt : '';
      if (aesKey === '' || !signatureMatches(query.get('msg_signature') ?? '', [token, timestamp, nonce, encrypted])) {
        return refuse(res, 401, 'bad signature');
      }
      const opened = decryptPush(aesKey, deps.config.wechat.appId, encrypted);
      if (opened === null) return refuse(res, 401, 'bad signature');
      event = parseJson(opened);
    } else if (!signed) {
      return refuse(res, 401, 'bad signature');
    }
    if (!event) return refuse(res, 400, 'not a JSON push');
    if (event.Event === 'wxa_media_check' && typeof event.trace_id === 'string') {
      const suggest = (event.result as { suggest?: unknown } | undefined)?.suggest;
      const outcome = isSuggest(suggest) ? await checks.answer(event.trace_id, suggest) : 'ignored';
      deps.logger.info({ traceId: event.trace_id, suggest, outcome }, 'media check verdict');
    }
    return text(res, 'success');
  };
}
