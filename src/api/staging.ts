// Limits of the chunked staging methods (files.stageBegin / stageChunk, src/api/methods/desktop.ts), in a module of
// plain constants so the renderer can import them without the schemas (zod probes eval, which the app's CSP forbids).

/** files.stageChunk: decoded bytes per chunk (1 MB keeps one IPC message, base64, at 1.4 MB). */
export const STAGE_CHUNK_BYTES = 1024 * 1024;
/** files.stageBegin: declared sizes above this are refused before any byte (src/drafts/staged.ts). */
export const STAGE_UPLOAD_MAX_BYTES = 100 * 1024 * 1024;
