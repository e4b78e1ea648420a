// Moved to src/lib/photo-actions.ts; this stays only until pages/timeline and pages/viewer (rewritten
// elsewhere) import it from there.
export * from '../lib/photo-actions';
