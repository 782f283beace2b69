/**
 * Kubernetes label selectors (matchLabels and matchExpressions), as allowedRoutes'
 * namespace selectors use them. An unknown operator selects nothing.
 */

import { items } from "../model/lists.js";

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  // Own properties only: a selector key such as `constructor` must not find Object.prototype's.
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  for (const e of items(selector.matchExpressions)) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case "In":
        if (!has || !items(e.values).includes(value!)) return false;
        break;
      case "NotIn":
        if (has && items(e.values).includes(value!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
