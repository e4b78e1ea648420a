// Moved to test/support/screen.tsx, outside the app's source; this stays only until the PhotoGrid,
// timeline and account tests (rewritten elsewhere) import it from there.
export * from '../../../test/support/screen';
