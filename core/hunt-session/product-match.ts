// Which installed version a version rule should judge. A case's server says its product in free
// text ("Harmony", "Exchange 2016 CU19", "cleo harmony 5.8"), a rule names it exactly ("Cleo
// Harmony", "Microsoft Exchange Server"). The matching, case-insensitive:
//   - both names are cut into words of letters and digits; words that are only digits (years,
//     editions: "2016") are ignored, so "Exchange 2016" and "Microsoft Exchange Server" compare
//     on {exchange} and {microsoft, exchange, server};
//   - they match when every word of one is in the other: "Harmony" ⊂ "Cleo Harmony" matches,
//     "Cleo Harmony" and "Cleo VLTrader" do not (each has a word the other lacks);
//   - a server named only by its vendor ("Cleo") matches every product of that vendor: the person
//     should name the product; the hunt's coverage then shows which versions were used.
// The version is the first dotted number in the server's version text ("CU19 (15.1.2176.2)" →
// 15.1.2176.2); a version text with no dotted number gives no version, and the rule is reported
// "not evaluated" rather than guessed.
import type { RuleInput } from '../hunt/types';

export interface ServerLike {
  id: string;
  product: string;
  version: string;
}

const words = (name: string): Set<string> =>
  new Set(
    name
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0 && !/^\d+$/.test(w)),
  );

const subset = (a: Set<string>, b: Set<string>): boolean => a.size > 0 && [...a].every((w) => b.has(w));

/** True when the server's free-text product names the rule's product (see the file comment). */
export function productMatches(serverProduct: string, ruleProduct: string): boolean {
  const server = words(serverProduct);
  const rule = words(ruleProduct);
  return subset(server, rule) || subset(rule, server);
}

/** The first dotted number in a version text: "5.8.0.21", "CU19 (15.1.2176.2)" → "15.1.2176.2". */
export function numericVersion(text: string): string | undefined {
  return /\d+(?:\.\d+)+/.exec(text)?.[0] ?? /^\s*(\d+)\s*$/.exec(text)?.[1];
}

/**
 * Installed versions for the version rules, keyed by the rule's product name. The servers given are
 * the ones the hunt is about (one server when the hunt names it). When two servers of the same
 * product have different versions, that product is left out: which one the logs come from is unknown.
 */
export function versionsFor(servers: ServerLike[], rules: RuleInput[]): Record<string, string> {
  const products = new Set(rules.flatMap(({ rule }) => ('version' in rule.match ? [rule.match.version.product] : [])));
  const versions: Record<string, string> = {};
  for (const product of products) {
    const found = new Set<string>();
    for (const server of servers) {
      const version = numericVersion(server.version);
      if (version && productMatches(server.product, product)) found.add(version);
    }
    if (found.size === 1) versions[product] = [...found][0]!;
  }
  return versions;
}
