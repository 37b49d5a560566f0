// Where the built pieces live, in development and in a packaged app. Pure, unit-tested.
import { join, resolve } from 'node:path';

export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  bundledPlaybooksDir: string;
}

/**
 * mainDir is the folder of the running main bundle (out/main), inside app.asar when packaged.
 * Playbooks are not in the asar: electron-builder's extraResources copies playbooks/ to
 * <resources>/playbooks so they stay plain files.
 */
export function appPaths(input: { mainDir: string; isPackaged: boolean; resourcesPath: string }): AppPaths {
  return {
    rendererDir: resolve(input.mainDir, '../renderer'),
    preloadPath: resolve(input.mainDir, '../preload/index.cjs'),
    bundledPlaybooksDir: input.isPackaged ? join(input.resourcesPath, 'playbooks') : resolve(input.mainDir, '../../playbooks'),
  };
}
