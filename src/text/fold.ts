// The fold lives in src/shared/fold.ts so the renderer (search highlighting) uses the same function as the engine;
// this module keeps the engine's imports unchanged.
export * from '../shared/fold.ts';
