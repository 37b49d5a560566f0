// Markdown of step bodies (playbooks may be imported: untrusted). markdown-it with raw HTML off and
// linkify off, plus a link policy: `#step-id` becomes an in-app jump, https becomes a link the main
// process opens after asking, anything else is rendered as its text only. Images are never loaded:
// their alt text is shown instead.
import MarkdownIt from 'markdown-it';

const STEP_ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export type LinkKind = { kind: 'step'; stepId: string } | { kind: 'external'; url: string } | { kind: 'text' };

/** Decides what a link in a playbook may do. Pure, so it is tested on its own. */
export function classifyLink(href: string): LinkKind {
  if (href.startsWith('#') && STEP_ID.test(href.slice(1))) return { kind: 'step', stepId: href.slice(1) };
  try {
    const url = new URL(href);
    if (url.protocol === 'https:' && url.hostname !== '') return { kind: 'external', url: url.href };
  } catch {
    // not an absolute URL: text only
  }
  return { kind: 'text' };
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// markdown-it refuses javascript:, vbscript:, file: and data: links itself; accept the rest so our
// own policy decides (and renders refused links as text rather than as literal brackets).
md.validateLink = () => true;

/** Words the rendered HTML needs in the UI language (the Copy buttons of command blocks). */
export interface RenderLabels {
  copy: string;
  /** Accessible name of a Copy button, given the shell's display name. */
  copyLabel: (shell: string) => string;
}

type Env = { linkStack?: LinkKind[]; labels?: RenderLabels };

export const SHELL_NAMES: Record<string, string> = { powershell: 'PowerShell', cmd: 'cmd', bash: 'bash' };

const defaultFence = md.renderer.rules.fence!;

// A fenced block in a shell language is a command: shown with its shell and a Copy button
// (handled by the Markdown component through data-copy), right where the text says to run it.
md.renderer.rules.fence = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const shell = token?.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const labels = (env as Env).labels;
  if (!token || !SHELL_NAMES[shell] || !labels) return defaultFence(tokens, index, options, env, self);
  const escape = md.utils.escapeHtml;
  const name = SHELL_NAMES[shell];
  return (
    `<figure class="command" data-shell="${shell}"><figcaption><span class="shell">${name}</span>` +
    `<button type="button" class="small-button" data-copy aria-label="${escape(labels.copyLabel(name))}">${escape(labels.copy)}</button>` +
    `</figcaption><pre><code>${escape(token.content)}</code></pre></figure>\n`
  );
};

md.renderer.rules.link_open = (tokens, index, _options, env) => {
  const link = classifyLink(String(tokens[index]?.attrGet('href') ?? ''));
  ((env as Env).linkStack ??= []).push(link);
  const escape = md.utils.escapeHtml;
  if (link.kind === 'step') return `<a href="#${escape(link.stepId)}" data-step="${escape(link.stepId)}">`;
  if (link.kind === 'external') return `<a href="${escape(link.url)}" data-external="${escape(link.url)}" rel="noreferrer noopener">`;
  return '';
};

md.renderer.rules.link_close = (_tokens, _index, _options, env) => {
  const link = (env as Env).linkStack?.pop();
  return link && link.kind !== 'text' ? '</a>' : '';
};

md.renderer.rules.image = (tokens, index) => {
  const token = tokens[index];
  const alt = token ? md.renderer.renderInlineAsText(token.children ?? [], md.options, {}) : '';
  return alt ? `<span class="md-image-alt">[${md.utils.escapeHtml(alt)}]</span>` : '';
};

/** Block Markdown to safe HTML. With labels, shell fences become command blocks with a Copy button. */
export const renderMarkdown = (source: string, labels?: RenderLabels): string => md.render(source, (labels ? { labels } : {}) as Env);

/** One paragraph of Markdown (expected result, otherwise) without the surrounding <p>. */
export const renderInline = (source: string): string => md.renderInline(source, {} as Env);
