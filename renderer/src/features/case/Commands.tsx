import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../../../../core/playbooks/types';
import { SHELL_NAMES } from '../../markdown';
import { copyCommand } from './Markdown';

function CommandBlock({ command }: { command: Command }): React.JSX.Element {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const name = SHELL_NAMES[command.shell] ?? command.shell;
  return (
    <figure className="command">
      <figcaption>
        <span className="shell">{name}</span>
        <button
          type="button"
          className="small-button"
          aria-label={copied ? t('commands.copied') : t('commands.copyLabel', { shell: name })}
          onClick={() => void copyCommand(command.code, null, '', () => setCopied(false)).then((ok) => ok && setCopied(true))}
        >
          {copied ? t('commands.copied') : t('commands.copy')}
        </button>
      </figcaption>
      <pre>
        <code>{command.code}</code>
      </pre>
    </figure>
  );
}

/**
 * Commands that the body does not already show in place. The parser may leave command fences in
 * the body (where the text says to run them) or take them out; either way each shows once.
 */
export function Commands({ commands, body }: { commands: Command[]; body: string }): React.JSX.Element | null {
  const missing = commands.filter((command) => !body.includes(command.code.trim()));
  if (missing.length === 0) return null;
  return (
    <div className="commands">
      {missing.map((command, i) => (
        <CommandBlock key={`${command.line}-${i}`} command={command} />
      ))}
    </div>
  );
}
