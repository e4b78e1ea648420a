// Moved to test/support/homes.ts, outside the app's source; this stays only until the timeline, upload and
// account tests (rewritten elsewhere) import it from there.
export * from '../../test/support/homes';
