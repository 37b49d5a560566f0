// Product version thresholds, compared numerically per dot-separated component (5.8.0.21 < 5.8.0.24,
// 15.1.2375.7 < 15.1.2375.37); a missing component counts as 0.

export function compareVersions(a: string, b: string): number {
  const pa = a.trim().split('.').map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.trim().split('.').map((x) => Number.parseInt(x, 10) || 0);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function isVersion(text: string): boolean {
  return /^\s*\d+(\.\d+)*\s*$/.test(text);
}

export type VersionVerdict = { kind: 'vulnerable' | 'fixed' | 'other-branch' | 'not-affected' };

/** Is `installed` below `fixedIn` on the same branch (and not older than `introducedIn`)? */
export function judgeVersion(installed: string, rule: { fixedIn: string; introducedIn?: string; branch?: string }): VersionVerdict {
  if (rule.branch !== undefined) {
    const branch = rule.branch.split('.');
    const parts = installed.trim().split('.');
    if (!branch.every((b, i) => Number(b) === Number(parts[i] ?? 0))) return { kind: 'other-branch' };
  }
  if (rule.introducedIn !== undefined && compareVersions(installed, rule.introducedIn) < 0) return { kind: 'not-affected' };
  return { kind: compareVersions(installed, rule.fixedIn) < 0 ? 'vulnerable' : 'fixed' };
}
