// Moved to src/lib/format.ts; this stays only until pages/account (rewritten elsewhere) imports it from there.
export * from '../../lib/format';
