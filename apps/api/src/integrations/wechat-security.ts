/**
 * WeChat's content security API, version 2 (内容安全): the text check msgSecCheck (POST /wxa/msg_sec_check,
 * answers at once) and the asynchronous media check mediaCheckAsync (POST /wxa/media_check_async, answers
 * a trace_id now and its verdict later through the message push: integrations/wechat-push.ts). Both need
 * the author's openid (a user who opened the mini-program in the last two hours, as WeChat requires).
 */

/** What WeChat suggests: pass, review (a person should look), risky (refuse). */
export type SecuritySuggest = 'pass' | 'review' | 'risky';

/** msgSecCheck's scene: 1 profile, 2 comment, 3 forum post, 4 social log (works are 3, messages 4). */
export type SecurityScene = 1 | 2 | 3 | 4;

export interface TextCheckRequest {
  openid: string;
  scene: SecurityScene;
  /** At most 2500 characters (WeChat's limit); longer texts are checked in pieces by the caller. */
  content: string;
}

export interface TextCheckResult {
  suggest: SecuritySuggest;
  /** WeChat's label (100 normal, 20001 politics, 20002 porn, 20006 illegal, ...). */
  label: number;
  traceId: string;
}

export interface MediaCheckRequest {
  openid: string;
  scene: SecurityScene;
  /** A URL WeChat's servers can fetch (signed, alive for at least the check's few minutes). */
  mediaUrl: string;
}

export interface ContentSecurity {
  msgSecCheck(request: TextCheckRequest): Promise<TextCheckResult>;
  /** Queues the image check; the verdict comes to the push URL under the trace id answered here. */
  mediaCheckAsync(request: MediaCheckRequest): Promise<{ traceId: string }>;
}

export const TEXT_CHECK_MAX = 2500;

export function textCheckBody(request: TextCheckRequest) {
  return { openid: request.openid, scene: request.scene, version: 2, content: request.content };
}

export function mediaCheckBody(request: MediaCheckRequest) {
  // media_type 2: an image.
  return { openid: request.openid, scene: request.scene, version: 2, media_type: 2, media_url: request.mediaUrl };
}

export function isSuggest(value: unknown): value is SecuritySuggest {
  return value === 'pass' || value === 'review' || value === 'risky';
}

/** msgSecCheck's answer: { errcode: 0, result: { suggest, label }, trace_id }, or the errcode. */
export function parseTextCheck(body: unknown): { done: TextCheckResult } | { errcode: number | undefined } {
  const answer = (body ?? {}) as {
    errcode?: unknown;
    result?: { suggest?: unknown; label?: unknown };
    trace_id?: unknown;
  };
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : undefined;
  if (errcode === 0 && isSuggest(answer.result?.suggest)) {
    return {
      done: {
        suggest: answer.result.suggest,
        label: typeof answer.result.label === 'number' ? answer.result.label : 0,
        traceId: typeof answer.trace_id === 'string' ? answer.trace_id : '',
      },
    };
  }
  return { errcode };
}

export function parseMediaCheck(body: unknown): { done: { traceId: string } } | { errcode: number | undefined } {
  const answer = (body ?? {}) as { errcode?: unknown; trace_id?: unknown };
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : undefined;
  if (errcode === 0 && typeof answer.trace_id === 'string' && answer.trace_id !== '') {
    return { done: { traceId: answer.trace_id } };
  }
  return { errcode };
}
