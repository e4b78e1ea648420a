/**
 * A multipart form upload (fields, then the file) whose file part is sent in two halves: the first at
 * once, the second when the test calls `finish()`. For tests of what happens to an upload in flight
 * (graceful shutdown, kill -9). Node builtins only, so the e2e package can import it too.
 */
import { request } from 'node:http';

export interface SlowUpload {
  /** The answer; status 0 (with the error in body) when the connection broke. Never rejects. */
  answer: Promise<{ status: number; body: string }>;
  /** Sends the rest of the file and ends the request. */
  finish(): void;
}

export function slowUpload(uploadUrl: string, fields: Record<string, string>, bytes: Buffer): SlowUpload {
  const boundary = `----xiaojia${Date.now()}`;
  const head = Buffer.from(
    `${Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join(
        '',
      )}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const req = request(uploadUrl, {
    method: 'POST',
    headers: {
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': head.length + bytes.length + tail.length,
    },
  });
  // Resolves either way (status 0 when the connection broke), so a cut-off is never an unhandled rejection.
  const answer = new Promise<{ status: number; body: string }>((resolve) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error) => resolve({ status: 0, body: error.message }));
  });
  const half = Math.floor(bytes.length / 2);
  req.write(head);
  req.write(bytes.subarray(0, half));
  return {
    answer,
    finish() {
      req.write(bytes.subarray(half));
      req.end(tail);
    },
  };
}
