import { afterEach } from 'vitest';
import { closeAllTestDeps } from './deps.js';

// Each test's app (database, embedded store, HTTP server, temp dir) is closed after it, whatever happened.
afterEach(closeAllTestDeps);
