// Path globs of hunt rules. Case-insensitive; `/` and `\` both separate folders. A glob without a
// folder separator matches the file name at any depth (`*.aspx`); otherwise it matches the whole path
// relative to the root: the chosen folder, or a product folder found inside it (see ROOT_ANCHORS).
import type { HUNT_ROOTS } from '../playbooks/types';

export type HuntRoot = (typeof HUNT_ROOTS)[number];

/**
 * Folder names that mark where a product's tree starts inside a copied folder. A glob with root
 * `cleo` (say `autorun/*`) matches `case/C/LexiCom/autorun/x.txt` as well as `autorun/x.txt` when the
 * chosen folder is the install folder itself.
 */
export const ROOT_ANCHORS: Record<Exclude<HuntRoot, 'any'>, RegExp> = {
  cleo: /^(lexicom|vltrader|harmony|versalex)$/i,
  exchange: /^(v15|exchange ?server)$/i,
  iis: /^inetpub$/i,
  moveit: /^(moveit|moveit ?transfer|moveitdmz)$/i,
  goanywhere: /^goanywhere$/i,
  windows: /^windows$/i,
};

export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  let out = '';
  let i = 0;
  let braces = 0;
  while (i < g.length) {
    const c = g[i]!;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const before = i === 0 || g[i - 1] === '/';
        const after = g[i + 2] === '/' || i + 2 === g.length;
        if (before && after) {
          if (g[i + 2] === '/') {
            out += '(?:.*/)?';
            i += 3;
          } else {
            out += '.*';
            i += 2;
          }
          continue;
        }
        out += '[^/]*';
        i += 2;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        let body = g.slice(i + 1, end);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\').replace(/\//g, '')}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    i++;
  }
  return new RegExp(`^${out}$`, 'i');
}

export interface GlobMatcher {
  test(paths: CandidatePaths): boolean;
}

/** The forms of one file's path a glob may match, computed once per file. */
export interface CandidatePaths {
  /** Relative to the chosen folder, `/`-separated (inside an archive: archive path + `/` + entry). */
  relative: string;
  /** For a file inside an archive, the entry's own path (archives often hold a copied folder). */
  inner?: string;
  basename: string;
}

/** Every suffix of `path` that starts right after a folder named like the root's anchor. */
export function anchoredPaths(path: string, root: HuntRoot): string[] {
  if (root === 'any') return [path];
  const anchor = ROOT_ANCHORS[root];
  const parts = path.split('/');
  const out = [path];
  for (let i = 0; i < parts.length - 1; i++) if (anchor.test(parts[i]!)) out.push(parts.slice(i + 1).join('/'));
  return out;
}

export function compileGlobs(globs: readonly string[], root: HuntRoot = 'any'): GlobMatcher {
  const byName: RegExp[] = [];
  const byPath: RegExp[] = [];
  for (const glob of globs) {
    const normal = glob.replace(/\\/g, '/');
    (normal.includes('/') ? byPath : byName).push(globToRegExp(normal));
  }
  return {
    test(paths) {
      if (byName.some((re) => re.test(paths.basename))) return true;
      if (byPath.length === 0) return false;
      const forms = anchoredPaths(paths.relative, root);
      if (paths.inner !== undefined) forms.push(...anchoredPaths(paths.inner, root));
      return forms.some((p) => byPath.some((re) => re.test(p)));
    },
  };
}

export function candidatePaths(relative: string, inner?: string): CandidatePaths {
  const rel = relative.replace(/\\/g, '/').replace(/^\/+/, '');
  const innerNorm = inner?.replace(/\\/g, '/').replace(/^\/+/, '');
  const last = (innerNorm ?? rel).split('/').pop() ?? '';
  return { relative: rel, inner: innerNorm, basename: last };
}
