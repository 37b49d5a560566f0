// Who may call the API over IPC (Electron security checklist #17,
// https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
// Pure: electron/ipc.ts passes the event's sender id and frame; the tests pass plain objects.
import { isAppUrl } from './origin';

/** The parts of Electron's WebFrameMain this check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface SenderLike {
  /** event.sender.id: the webContents that sent the message. */
  readonly webContentsId: number;
  /** event.senderFrame: null when the frame navigated away or was destroyed. */
  readonly frame: FrameLike | null | undefined;
}

/**
 * A call is trusted only when it comes from the main frame (not an iframe) of one of our own
 * windows, and that frame shows the app itself (app://firebreak), not a page it navigated to.
 */
export function isTrustedSender(sender: SenderLike, trustedWebContentsIds: ReadonlySet<number>): boolean {
  const { frame } = sender;
  if (!trustedWebContentsIds.has(sender.webContentsId)) return false;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
