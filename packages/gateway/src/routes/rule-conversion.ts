/**
 * Converting every rule of an HTTPRoute or GRPCRoute with one semantics (gateway or
 * mesh): each rule's backends and mirrors resolved, then the rule converted, and the
 * route's reference and value problems gathered for its status.
 */
import { namespaceOf } from "@weft/api";
import type { HandlerContext } from "@weft/krt";
import { records } from "../model/lists.js";
import type { HTTPRoute as IstioHTTPRoute } from "../model/istio.js";
import type { GRPCRoute, GRPCRouteRule, HTTPRoute, HTTPRouteRule } from "../model/resources.js";
import { lastProblem, resolveBackends, type BackendContext, type BackendReferrer } from "./backends.js";
import type { MirrorResolver } from "./http-filters.js";
import { convertRule, type RouteRule } from "./http-rules.js";
import { backendWeightSum } from "./l4-routes.js";
import { ruleProblem } from "./rule-checks.js";
import type { RuleProblem } from "./rule-problem.js";
import type { RefsOutcome } from "./route-status.js";

/** A route's rules under one semantics, with what its status reports of them. */
export interface RuleConversion {
  routes: IstioHTTPRoute[];
  /** The last backend or mirror problem found, as Istio reports it. */
  refs: RefsOutcome;
  /** The first rule left out for a value that cannot be programmed (see rule-checks.ts). */
  invalid: RuleProblem | undefined;
}

/** Converts every rule of `route`; `enforceGrants` is the gateway semantics (mesh semantics do not check ReferenceGrants). */
export function convertRules(ctx: HandlerContext, env: BackendContext, kind: "HTTPRoute" | "GRPCRoute", route: HTTPRoute | GRPCRoute, enforceGrants: boolean): RuleConversion {
  const referrer: BackendReferrer = { kind, namespace: namespaceOf(route), enforceGrants };
  let refs: RefsOutcome = { ok: true };
  let invalid: RuleProblem | undefined;
  const routes = records<HTTPRouteRule | GRPCRouteRule>(route.spec?.rules).flatMap((rule, i) => {
    // A bad path or regex would make clients NACK the whole RouteConfiguration: the rule is left out.
    const problem = ruleProblem({ ...rule, kind } as RouteRule, i);
    if (problem !== undefined) {
      invalid ??= problem;
      return [];
    }
    const backendRefs = records(rule.backendRefs);
    // No weight anywhere: the rule has nowhere to send requests (backends go unchecked).
    const backends = backendWeightSum(backendRefs) === 0 ? undefined : resolveBackends(ctx, env, referrer, backendRefs);
    let mirrorProblem: RefsOutcome = { ok: true };
    const resolveMirror: MirrorResolver = (ref) => {
      const mirror = resolveBackends(ctx, env, referrer, [ref]);
      mirrorProblem = lastProblem(mirrorProblem, mirror.refs);
      const destination = mirror.destinations[0]?.destination;
      return mirror.refs.ok && destination?.host !== undefined ? destination : undefined;
    };
    const converted = convertRule({ ...rule, kind } as RouteRule, i, backends?.destinations, { routeName: route.metadata.name, namespace: referrer.namespace, domainSuffix: env.domainSuffix, resolveMirror });
    refs = lastProblem(refs, joinProblems(backends?.refs ?? { ok: true }, mirrorProblem));
    return converted;
  });
  return { routes, refs, invalid };
}

/** A rule's backend and mirror problems together: the backend's reason, both messages. */
function joinProblems(backend: RefsOutcome, mirror: RefsOutcome): RefsOutcome {
  if (backend.ok) return mirror;
  if (mirror.ok) return backend;
  return { ok: false, reason: backend.reason, message: `${backend.message}; ${mirror.message}` };
}
