// Input schemas and result types of the hunt channels. Part of contract.ts (spread into `inputs`
// there); kept apart only to keep that file readable. No Node, Electron or DOM here.
//
// The renderer never names a path itself: hunt.choosePaths shows the native dialog in the main
// process, and hunt.start accepts only paths that dialog returned in this session.
import { z } from 'zod';
import type { HuntResults, HuntStatus } from '../hunt-session/types';

const CaseId = z.string().regex(/^[a-zA-Z0-9-]{1,80}$/, 'not a case id');
const ServerId = z.string().regex(/^[a-zA-Z0-9-]{1,80}$/, 'not a server id');
const PlaybookId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'not a playbook id');
const HuntId = z.string().regex(/^hunt-[0-9a-z-]{1,40}$/, 'not a hunt id');
/** Absolute on Linux/macOS (/…), Windows (C:\…) or a share (\\server\…). */
const AbsolutePath = z
  .string()
  .min(1)
  .max(4_000)
  .refine((p) => p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'a path must be absolute');

export const huntInputs = {
  /** Shows the native open dialog; resolves with no path when the person cancels. */
  'hunt.choosePaths': z.object({ kind: z.enum(['files', 'folders']) }).strict(),
  'hunt.start': z
    .object({
      caseId: CaseId,
      serverId: ServerId.optional(),
      paths: z.array(AbsolutePath).min(1, 'choose at least one folder or file').max(1_000),
      playbookIds: z.array(PlaybookId).min(1, 'choose at least one playbook').max(100),
    })
    .strict(),
  'hunt.status': z.object({ huntId: HuntId }).strict(),
  'hunt.cancel': z.object({ huntId: HuntId }).strict(),
  /** The given hunt, or the case's latest finished one. */
  'hunt.results': z.object({ caseId: CaseId, huntId: HuntId.optional() }).strict(),
};

export interface HuntChannelResults {
  'hunt.choosePaths': { paths: string[] };
  'hunt.start': { huntId: string };
  'hunt.status': HuntStatus;
  'hunt.cancel': HuntStatus;
  'hunt.results': HuntResults;
}
