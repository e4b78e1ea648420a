import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * Structured JSON logs. Anything that could carry a credential is redacted by key, and request logs
 * record paths without query strings (signed URLs and upload tokens live there).
 */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'xiaojia' },
      redact: {
        paths: [
          'secretKey',
          '*.secretKey',
          'secret_key',
          '*.secret_key',
          'password',
          '*.password',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
