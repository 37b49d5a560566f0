// The Markdown side of playbook validation. An imported playbook is untrusted: no raw HTML, no
// script or file links, no remote images. The app renders playbooks with markdown-it and html off;
// here the parser is deliberately more permissive (html on, every link kept) so that the validator
// SEES what the renderer would silently drop or neutralise, and can tell the author.
import MarkdownIt, { type MarkdownIt as MarkdownItInstance, type Token } from 'markdown-it';

export type { Token };

export function createValidatingMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: true, linkify: false });
  // Keep every link as a link token, including javascript: and data:, so they can be reported.
  md.validateLink = () => true;
  return md;
}

let shared: MarkdownItInstance | undefined;

/** One validating instance for the whole process: md.parse keeps no state between calls. */
export function validatingMarkdown(): MarkdownItInstance {
  return (shared ??= createValidatingMarkdown());
}

export interface InlineFinding {
  line: number;
  message: string;
  /** For `#step-id` links: the id that must exist in the playbook. */
  anchor?: string;
}

const RAW_HTML = 'Raw HTML is not allowed in a playbook; write Markdown.';

/** Problems in one inline token (a paragraph, a heading text, a table cell...). */
export function checkInline(token: Token): InlineFinding[] {
  const findings: InlineFinding[] = [];
  let line = (token.map?.[0] ?? 0) + 1;
  for (const child of token.children ?? []) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') {
      line += 1;
      continue;
    }
    if (child.type === 'html_inline') {
      if (!/^<!--[\s\S]*-->$/.test(child.content)) findings.push({ line, message: RAW_HTML });
      continue;
    }
    if (child.type === 'link_open') {
      const href = String(child.attrGet('href') ?? '');
      const finding = checkLinkTarget(href, line);
      if (finding) findings.push(finding);
      continue;
    }
    if (child.type === 'image') {
      const src = String(child.attrGet('src') ?? '');
      findings.push({ line, message: imageMessage(src) });
      continue;
    }
    line += countNewlines(child.content);
  }
  return findings;
}

export function checkHtmlBlock(token: Token): InlineFinding | undefined {
  // An HTML comment is a common way to leave a note to reviewers; it is never rendered, so allow it.
  if (/^\s*<!--[\s\S]*-->\s*$/.test(token.content)) return undefined;
  return { line: (token.map?.[0] ?? 0) + 1, message: RAW_HTML };
}

const DANGEROUS_SCHEMES = ['javascript', 'vbscript', 'data', 'file'];

export function checkLinkTarget(href: string, line: number): InlineFinding | undefined {
  const target = href.trim();
  if (target.startsWith('#')) {
    const anchor = target.slice(1);
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(anchor)) {
      return { line, message: `The link "${shorten(target)}" does not name a step: an in-playbook link is #step-id, in lower case.` };
    }
    return { line, message: '', anchor };
  }
  // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so strip them first.
  const compact = [...target].filter((ch) => ch.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact)?.[1]?.toLowerCase();
  if (scheme && DANGEROUS_SCHEMES.includes(scheme)) {
    return { line, message: `A ${scheme}: link is not allowed in a playbook; link to an https:// page or to a step (#step-id).` };
  }
  if (scheme === 'https' || scheme === 'http') {
    try {
      new URL(target);
      return undefined;
    } catch {
      return { line, message: `The link "${shorten(target)}" is not a valid web address.` };
    }
  }
  if (scheme === 'mailto') return undefined;
  if (scheme) return { line, message: `A ${scheme}: link is not allowed in a playbook; use https://, http://, mailto: or #step-id.` };
  return {
    line,
    message: `The link "${shorten(target)}" is relative; a playbook is shown inside the app, so link to a full https:// address or to a step (#step-id).`,
  };
}

function imageMessage(src: string): string {
  if (/^\s*https?:/i.test(src)) return `Remote images are not allowed in a playbook (the app never loads content from the network): remove the image ${shorten(src)} or describe it in words.`;
  if (/^\s*data:/i.test(src)) return 'Embedded (data:) images are not allowed in a playbook; describe the picture in words.';
  return `Images are not supported in a playbook (${shorten(src) || 'no address'}); describe the picture in words.`;
}

const countNewlines = (s: string) => {
  let n = 0;
  for (const ch of s) if (ch === '\n') n += 1;
  return n;
};

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
