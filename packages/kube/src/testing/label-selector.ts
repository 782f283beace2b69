/**
 * Label selectors as the API server evaluates them (`app=web,tier!=db,env in (a,b),!legacy`),
 * for the fake API server: a watch must report an object that stops matching as deleted
 * and one that starts matching as added, exactly as a real server does.
 */

type Requirement =
  | { op: "eq" | "neq"; key: string; value: string }
  | { op: "in" | "notin"; key: string; values: string[] }
  | { op: "exists" | "absent"; key: string };

/** Splits on commas that are not inside a parenthesised value set. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== "");
}

function parseTerm(term: string): Requirement {
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (set) return { op: set[2] as "in" | "notin", key: set[1]!, values: set[3]!.split(",").map((v) => v.trim()) };
  const neq = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term);
  if (neq) return { op: "neq", key: neq[1]!, value: neq[2]! };
  const eq = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term);
  if (eq) return { op: "eq", key: eq[1]!, value: eq[2]! };
  if (term.startsWith("!")) return { op: "absent", key: term.slice(1).trim() };
  if (/^\S+$/.test(term)) return { op: "exists", key: term };
  throw new Error(`unparseable label selector term "${term}"`);
}

/** A predicate over an object's labels; an empty selector matches everything. */
export function parseLabelSelector(selector: string | undefined | null): (labels: Record<string, string> | undefined) => boolean {
  const requirements = splitTerms(selector ?? "").map(parseTerm);
  return (labels) => {
    const get = (key: string) => (labels !== undefined && Object.hasOwn(labels, key) ? labels[key] : undefined);
    return requirements.every((r) => {
      const value = get(r.key);
      switch (r.op) {
        case "eq":
          return value === r.value;
        case "neq":
          return value !== r.value;
        case "in":
          return value !== undefined && r.values.includes(value);
        case "notin":
          return value === undefined || !r.values.includes(value);
        case "exists":
          return value !== undefined;
        case "absent":
          return value === undefined;
      }
    });
  };
}
