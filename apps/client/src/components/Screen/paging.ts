// Moved to src/lib/paging.ts; this stays only until pages/viewer and pages/account (rewritten elsewhere)
// import it from there.
export * from '../../lib/paging';
