// @vitest-environment happy-dom
// The Markdown of an imported playbook is untrusted: no raw HTML, no image, no live link except
// in-app step jumps and https links (opened by the main process after asking).
import { describe, expect, it } from 'vitest';
import { classifyLink, renderInline, renderMarkdown } from '../../renderer/src/markdown';

const dom = (html: string): HTMLElement => {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
};

describe('classifyLink', () => {
  it('turns #step-id into an in-app jump', () => {
    expect(classifyLink('#contain-firewall')).toEqual({ kind: 'step', stepId: 'contain-firewall' });
  });
  it('keeps https links external', () => {
    expect(classifyLink('https://example.com/a?b=1')).toEqual({ kind: 'external', url: 'https://example.com/a?b=1' });
  });
  it.each(['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'ms-msdt:/id', 'data:text/html,x', '#Not_An_Id', 'relative/page.html', '//evil.example', String.raw`\\?\UNC\server\share`])(
    'renders %s as text only',
    (href) => {
      expect(classifyLink(href)).toEqual({ kind: 'text' });
    },
  );
});

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const root = dom(renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> <b>bold</b>'));
    expect(root.querySelector('script, img, b')).toBeNull();
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('makes step links and https links, and nothing else', () => {
    const root = dom(renderMarkdown('See [the firewall step](#contain-firewall), [the advisory](https://example.com/adv), [a trap](javascript:alert(1)), [a file](file:///etc/passwd) and [plain](http://example.com).'));
    const anchors = [...root.querySelectorAll('a')];
    expect(anchors.map((a) => [a.textContent, a.dataset.step ?? a.dataset.external])).toEqual([
      ['the firewall step', 'contain-firewall'],
      ['the advisory', 'https://example.com/adv'],
    ]);
    expect(root.textContent).toContain('a trap');
    expect(root.textContent).toContain('a file');
    expect(root.textContent).toContain('plain');
    expect(root.innerHTML).not.toContain('javascript:');
    expect(root.innerHTML).not.toContain('file:');
  });

  it('does not linkify bare URLs', () => {
    const root = dom(renderMarkdown('Visit https://example.com now.'));
    expect(root.querySelector('a')).toBeNull();
  });

  it('never loads images: the alt text is shown instead', () => {
    const root = dom(renderMarkdown('![server diagram](https://evil.example/track.png) and ![](data:image/png;base64,AAAA)'));
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('[server diagram]');
    expect(root.innerHTML).not.toContain('evil.example');
  });

  it('keeps ordinary formatting and code', () => {
    const root = dom(renderMarkdown('Run **as administrator**:\n\n```\nGet-Process\n```'));
    expect(root.querySelector('strong')?.textContent).toBe('as administrator');
    expect(root.querySelector('pre code')?.textContent).toBe('Get-Process\n');
  });

  it('handles nested and autolinks with the same policy', () => {
    const root = dom(renderInline('<https://example.com/x> and <http://example.com/y>'));
    expect([...root.querySelectorAll('a')].map((a) => a.dataset.external)).toEqual(['https://example.com/x']);
    expect(root.textContent).toContain('http://example.com/y');
  });
});
