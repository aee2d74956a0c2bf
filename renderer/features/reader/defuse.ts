// Raw mail HTML made inert for the parser, before DOMPurify ever sees it (sanitize.ts). Chromium checks a parsed
// document against its realm's policy and reports on it while parsing: it sets the base URL from <base>, starts a
// fetch for <track src>, prepares scripts, and notes every event-handler attribute it meets in a sandboxed realm. None
// of that is dangerous where the reader parses (the mail document's sandboxed realm, no script, default-src 'none'),
// but it is noise that would hide the one signal that matters, and work done for nothing. So those constructs are
// renamed first. Getting this wrong costs a console line, never safety: DOMPurify and the sandbox do not rely on it.
// Pure string work: tested in Node (test/reader/helpers.test.ts).

/**
 * Elements whose parsing alone does something (sets the base URL, starts a media fetch, prepares a script, frames a
 * document) get a name no browser knows, before the HTML is parsed at all. DOMPurify then removes them. Those with
 * content (script, template…) go with their content (ADD_FORBID_CONTENTS); the void ones (base, track, link…) have no
 * end tag, so once renamed they wrap whatever follows them, which is kept. Inside attribute values or text this only
 * changes what "<script" reads like.
 */
export const DEFUSE_DROP = ['script', 'noscript', 'template', 'iframe', 'frameset', 'audio', 'video', 'portal'];
const DEFUSE_KEEP = ['base', 'track', 'source', 'link', 'meta', 'frame', 'embed', 'object', 'applet'];
const DEFUSE = new RegExp(`<(/?)(${[...DEFUSE_DROP, ...DEFUSE_KEEP].join('|')})(?=[\\s/>]|$)`, 'gi');

/**
 * Event-handler attributes get a name that is not one (`on*` → `tcv-removed-on*`), for the same reason: Chromium
 * notes every handler attribute it parses in a sandboxed realm ("Blocked script execution"), which would drown the
 * one signal that matters. DOMPurify removes the renamed attribute like any unknown one. Only inside tags, and only
 * outside quoted values; an attribute name starts after white space, "/" or a closing quote. Getting this wrong
 * costs a console line, never safety: DOMPurify and the sandbox do not depend on it.
 */
// Quoted values are bounded, so a mail of unclosed quotes cannot make this quadratic (a longer value ends the match).
const TAG = /<[a-zA-Z](?:[^>"']|"[^"<]{0,8192}"|'[^'<]{0,8192}')*>?/g;
const TAG_PART = /"[^"]*"?|'[^']*'?|[^"']+/g;
const HANDLER = /(^|[\s/])(on[a-z]+)(?=[\s/>=]|$)/gi;

export function defuse(html: string): string {
  return html
    .replace(DEFUSE, (_m, slash: string, name: string) => `<${slash}tcv-removed-${name.toLowerCase()}`)
    .replace(TAG, (tag) =>
      tag.replace(TAG_PART, (part) =>
        part[0] === '"' || part[0] === "'" ? part : part.replace(HANDLER, '$1tcv-removed-$2'),
      ),
    );
}
