// Entry of the bundle test/reader/sanitize.test.ts loads into Chromium: the renderer's sanitiser exactly as the app
// builds it, plus DOMPurify itself (for the upstream fixtures with its default config).
export { sanitizeMailHtml, linkTarget, MAIL_PURIFY_CONFIG } from '../../../renderer/features/reader/sanitize.ts';
export { default as DOMPurify } from 'dompurify';
