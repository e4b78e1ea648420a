/**
 * CORS on the embedded S3 peer, as S3 applies a bucket's rules to browsers: a preflight (OPTIONS, never
 * signed) is answered with the rule that allows the origin, the method and every requested header, or
 * refused with 403; an actual request from an allowed origin gets Access-Control-Allow-Origin and the
 * rule's exposed headers. Lets the H5 app upload to the peer by PUT from a real browser (e2e).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsPatternMatches as matches } from '../../s3/verify.js';
import type { PeerCorsRule } from './peer.js';

function ruleFor(
  rules: readonly PeerCorsRule[] | null | undefined,
  origin: string,
  method: string,
  headers: readonly string[],
): PeerCorsRule | undefined {
  return (rules ?? []).find(
    (rule) =>
      rule.origins.some((o) => matches(o, origin)) &&
      rule.methods.some((m) => m.toUpperCase() === method.toUpperCase()) &&
      headers.every((h) => (rule.headers ?? []).some((allowed) => matches(allowed, h))),
  );
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

/** Answers a preflight for `rules` (the bucket's, or undefined for no such bucket). */
export function preflight(
  req: IncomingMessage,
  res: ServerResponse,
  rules: readonly PeerCorsRule[] | null | undefined,
) {
  const origin = header(req, 'origin');
  const method = header(req, 'access-control-request-method');
  const requested = header(req, 'access-control-request-headers')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const rule = origin && method ? ruleFor(rules, origin, method, requested) : undefined;
  if (!rule) {
    res.writeHead(403, { 'Content-Type': 'application/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>',
    );
    return;
  }
  res.writeHead(200, {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': rule.methods.join(', '),
    ...(requested.length > 0 ? { 'Access-Control-Allow-Headers': requested.join(', ') } : {}),
    ...(rule.exposeHeaders?.length ? { 'Access-Control-Expose-Headers': rule.exposeHeaders.join(', ') } : {}),
    ...(rule.maxAgeSeconds ? { 'Access-Control-Max-Age': String(rule.maxAgeSeconds) } : {}),
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  });
  res.end();
}

/** For an actual request from a browser: the CORS headers its answer carries (none for an origin not allowed). */
export function corsHeaders(
  req: IncomingMessage,
  rules: readonly PeerCorsRule[] | null | undefined,
): Record<string, string> {
  const origin = header(req, 'origin');
  const rule = origin ? ruleFor(rules, origin, req.method ?? 'GET', []) : undefined;
  if (!rule) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    ...(rule.exposeHeaders?.length ? { 'Access-Control-Expose-Headers': rule.exposeHeaders.join(', ') } : {}),
    Vary: 'Origin',
  };
}
