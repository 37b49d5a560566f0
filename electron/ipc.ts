// The only user of ipcMain. One handler per channel of the contract; each checks who is calling,
// then hands the raw input to dispatch(), which validates it and turns failures into an Outcome.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Handlers, type Outcome } from '../core/api/contract';
import { dispatch } from '../core/api/dispatch';
import { isTrustedSender } from './trusted-sender';

const FORBIDDEN: Outcome<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the Firebreak window; it was refused.' },
};

/** trustedWebContentsIds is live: the window adds its id when it is created and removes it when closed. */
export function registerIpc(handlers: Handlers, trustedWebContentsIds: ReadonlySet<number>): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Outcome<unknown>> => {
      // Validate the sender of every IPC message (#17 https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages).
      if (!isTrustedSender({ webContentsId: event.sender.id, frame: event.senderFrame }, trustedWebContentsIds)) {
        console.warn(`[ipc] refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return FORBIDDEN;
      }
      return dispatch(handlers, channel, raw);
    });
  }
}
