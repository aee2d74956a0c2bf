// The HTML body of a message, in its own document (docs/reader.md "Three layers"):
//  - mail-frame.html, a static page with no script, served from the app's origin with its OWN Content-Security-Policy
//    (main/csp.ts mailFrameDirectives: no script, images from data: only unless remote content is allowed);
//  - inside <iframe sandbox="allow-same-origin">: no allow-scripts, no allow-forms, no allow-popups, no top navigation.
//    allow-same-origin is needed (and only that) so this component can write the sanitised markup into the document
//    and listen to it; nothing in that document can run script, so nothing there can use that access;
//  - the markup is DOMPurify's output (sanitize.ts), computed with the mail document's own window (so even the inert
//    parse of the raw HTML is governed by the mail policy) and written as the body's innerHTML of that document.
// Links never navigate: a click is caught here and handed to the reader, which shows the real target first.
import { makeStyles } from '@fluentui/react-components';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { sanitizeMailHtml, type SanitizeResult } from './sanitize.ts';

const useStyles = makeStyles({
  frame: {
    display: 'block',
    width: '100%',
    border: 'none',
    // Mail is designed for white paper; the document paints its own background in both themes.
    backgroundColor: '#ffffff',
    borderRadius: '2px',
  },
});

export interface MailFrameLink {
  href: string;
  text: string;
}

export interface MailFrameProps {
  /** The message's HTML as it came (hostile): sanitised here, in the mail document's own window. */
  html: string;
  /** Load the variant of the document whose CSP allows remote images, and let the sanitiser keep them. */
  allowRemote: boolean;
  /** Inline parts: normalised Content-ID → data: URL. */
  inline: ReadonlyMap<string, string>;
  /** What the sanitiser held back (the reader's "remote content blocked" bar). */
  onSanitized(result: SanitizeResult): void;
  /** Accessible name of the frame. */
  title: string;
  onLink(link: MailFrameLink): void;
  /** The link under the pointer or keyboard focus (its real target), or null. */
  onHover(href: string | null): void;
  /** A request the mail document's CSP refused (should not happen: the sanitiser removes them first). */
  onViolation?(blockedUri: string, directive: string): void;
  /** After the markup is in the document (legacy-encoding conversion walks its text). */
  onRendered?(doc: Document): void;
}

const FRAME_PATH = 'mail-frame.html';
const MIN_HEIGHT = 48;

export function MailFrame({
  html,
  allowRemote,
  inline,
  title,
  onSanitized,
  onLink,
  onHover,
  onViolation,
  onRendered,
}: MailFrameProps) {
  const s = useStyles();
  const ref = useRef<HTMLIFrameElement>(null);
  // The loaded document and which variant it is: the document of the other variant is never written to (while the
  // frame goes from the blocked to the remote variant, the old document is still there for a moment).
  const [loaded, setLoaded] = useState<{ doc: Document; remote: boolean } | null>(null);
  const [height, setHeight] = useState(MIN_HEIGHT);
  const src = allowRemote ? `${FRAME_PATH}?remote=1` : FRAME_PATH;
  // Callbacks are notifications: a new identity must not rewrite the document.
  const handlers = useRef({ onSanitized, onLink, onHover, onViolation, onRendered });
  useLayoutEffect(() => {
    handlers.current = { onSanitized, onLink, onHover, onViolation, onRendered };
  });

  const onLoad = () => {
    const d = ref.current?.contentDocument ?? null;
    // The initial about:blank (or a document that is not ours) is never written to.
    if (!d || !d.URL.includes(FRAME_PATH)) return;
    setLoaded({ doc: d, remote: new URL(d.URL).searchParams.get('remote') === '1' });
  };

  const doc = loaded && loaded.remote === allowRemote ? loaded.doc : null;
  useEffect(() => {
    if (!doc) return;
    const win = doc.defaultView;
    if (!win) return;
    const body = doc.body;
    const result = sanitizeMailHtml(html, { allowRemote, inline }, win);
    body.innerHTML = result.html;
    handlers.current.onSanitized(result);

    const anchorOf = (target: EventTarget | null): HTMLAnchorElement | null => {
      const el = target as Element | null;
      const a = el && typeof el.closest === 'function' ? el.closest('a') : null;
      return a && a.hasAttribute('href') ? (a as HTMLAnchorElement) : null;
    };
    const onClick = (e: MouseEvent) => {
      const a = anchorOf(e.target);
      // Every click that would follow a link is stopped, whatever it is; only the reader decides what opens.
      if (!a) return;
      e.preventDefault();
      e.stopPropagation();
      const href = a.getAttribute('href') ?? '';
      if (href.startsWith('#')) {
        const id = decodeURIComponent(href.slice(1));
        (doc.getElementById(id) ?? doc.getElementsByName(id)[0])?.scrollIntoView();
        return;
      }
      handlers.current.onLink({ href, text: a.textContent ?? '' });
    };
    const onOver = (e: Event) => {
      const a = anchorOf(e.target);
      const href = a?.getAttribute('href');
      handlers.current.onHover(href && !href.startsWith('#') ? href : null);
    };
    const onOut = () => handlers.current.onHover(null);
    const onCsp = (e: SecurityPolicyViolationEvent) =>
      handlers.current.onViolation?.(e.blockedURI, e.effectiveDirective);
    // Middle click and Enter on a focused link arrive as auxclick / click.
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('auxclick', onClick, true);
    doc.addEventListener('mouseover', onOver, true);
    doc.addEventListener('focusin', onOver, true);
    doc.addEventListener('mouseout', onOut, true);
    doc.addEventListener('focusout', onOut, true);
    doc.addEventListener('securitypolicyviolation', onCsp);
    // Dragging a link or image out of the mail would hand its URL to whatever it is dropped on.
    const noDrag = (e: Event) => e.preventDefault();
    doc.addEventListener('dragstart', noDrag, true);

    const measure = () => {
      const h = Math.max(MIN_HEIGHT, Math.ceil(doc.documentElement.scrollHeight));
      setHeight((old) => (Math.abs(old - h) > 1 ? h : old));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(doc.documentElement);
    ro.observe(body);
    // Images change the height as they arrive.
    doc.addEventListener('load', measure, true);
    handlers.current.onRendered?.(doc);

    return () => {
      ro.disconnect();
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('auxclick', onClick, true);
      doc.removeEventListener('mouseover', onOver, true);
      doc.removeEventListener('focusin', onOver, true);
      doc.removeEventListener('mouseout', onOut, true);
      doc.removeEventListener('focusout', onOut, true);
      doc.removeEventListener('securitypolicyviolation', onCsp);
      doc.removeEventListener('dragstart', noDrag, true);
      doc.removeEventListener('load', measure, true);
    };
  }, [doc, html, allowRemote, inline]);

  return (
    <iframe
      ref={ref}
      className={s.frame}
      style={{ height: `${height}px` }}
      title={title}
      src={src}
      // No allow-scripts, allow-forms, allow-popups, allow-top-navigation, allow-modals, allow-downloads.
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      // Nothing the mail document could ask the browser for.
      allow="camera 'none'; microphone 'none'; geolocation 'none'; clipboard-read 'none'; clipboard-write 'none'; fullscreen 'none'; payment 'none'; usb 'none'"
      onLoad={onLoad}
      data-testid="mail-frame"
      data-remote={allowRemote ? 'allowed' : 'blocked'}
    />
  );
}
