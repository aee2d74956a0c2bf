// What other features use from compose.
export { ComposeProvider, useCompose, type ComposeApi, type ComposeRequest } from './ComposeProvider.tsx';
export type { ComposeAttachmentRef, ComposeInitial, ComposeSource } from './types.ts';
export { SignatureEditor } from './SignatureEditor.tsx';
