// Builds the object the renderer sees as the global `firebreak` from the contract's channel list.
// Pure: the preload passes an `invoke` backed by ipcRenderer.invoke, the end-to-end harness one
// backed by the real handlers. Only the channels of the contract exist on it: no generic invoke.
// Only type imports from the contract: the preload bundle must not pull in zod.
import { channels, type Channel } from './channels';
import type { Input, Outcome, Results } from './contract';

type Namespace = Channel extends `${infer N}.${string}` ? N : never;

type Method<C extends Channel> = undefined extends Input<C>
  ? (input?: Input<C>) => Promise<Outcome<Results[C]>>
  : (input: Input<C>) => Promise<Outcome<Results[C]>>;

export type Api = {
  [N in Namespace]: { [C in Channel as C extends `${N}.${infer M}` ? M : never]: Method<C> };
};

export type Invoke = (channel: Channel, input: unknown) => Promise<Outcome<unknown>>;

export function buildApi(invoke: Invoke): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<Outcome<unknown>>>> = {};
  for (const channel of channels) {
    const [namespace, method] = channel.split('.') as [string, string];
    api[namespace] ??= {};
    api[namespace][method] = (input?: unknown) => invoke(channel, input);
  }
  return api as unknown as Api;
}
