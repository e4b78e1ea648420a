export * from './albums.js';
export * from './auth.js';
export * from './common.js';
export * from './errors.js';
export * from './health.js';
export * from './photos.js';
export * from './storage.js';
export * from './uploads.js';
