import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api';
import { renderInline, renderMarkdown } from '../../markdown';
import { useCaseView } from '../../stores/case-view';
import { useNotifications } from '../../stores/notifications';
import { i18n } from '../../i18n';

/** Opens an https link in the system browser; the main process asks the person first. */
export const openExternal = (url: string): void => void call(api.external.open({ url }));

/** Copies a command and says so on the button for two seconds. */
export async function copyCommand(text: string, button: HTMLElement | null, copiedLabel: string, restore: () => void): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    useNotifications.getState().pushError({ code: 'INTERNAL', message: i18n.t('commands.copyFailed'), hint: i18n.t('commands.copyHint') });
    return false;
  }
  if (button) {
    button.textContent = copiedLabel;
    button.setAttribute('aria-label', copiedLabel);
  }
  setTimeout(restore, 2_000);
  return true;
}

/** Clicks inside rendered Markdown: step links jump in-app, https links go outside, Copy copies. */
function onClick(event: MouseEvent<HTMLElement>): void {
  const target = event.target as HTMLElement;
  const copy = target.closest<HTMLElement>('[data-copy]');
  if (copy) {
    const code = copy.closest('figure')?.querySelector('code')?.textContent ?? '';
    const label = copy.textContent ?? '';
    const aria = copy.getAttribute('aria-label') ?? '';
    void copyCommand(code, copy, i18n.t('commands.copied'), () => {
      copy.textContent = label;
      copy.setAttribute('aria-label', aria);
    });
    return;
  }
  const anchor = target.closest('a');
  if (!anchor) return;
  event.preventDefault();
  const step = anchor.dataset.step;
  const external = anchor.dataset.external;
  if (step) useCaseView.getState().jumpTo(step);
  else if (external) openExternal(external);
}

/** Markdown from a playbook. Safe to inject: markdown.ts escapes raw HTML and filters links. */
export function Markdown({ source, inline, className }: { source: string; inline?: boolean; className?: string }): React.JSX.Element {
  const { t, i18n: current } = useTranslation();
  const html = useMemo(
    () => (inline ? renderInline(source) : renderMarkdown(source, { copy: t('commands.copy'), copyLabel: (shell) => t('commands.copyLabel', { shell }) })),
    // t changes with the language: the Copy labels must follow it.
    [source, inline, t, current.language],
  );
  const Tag = inline ? 'span' : 'div';
  return <Tag className={`markdown ${className ?? ''}`} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
