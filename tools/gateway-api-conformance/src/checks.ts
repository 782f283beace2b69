/**
 * The status assertions of the suite's helpers (conformance/utils/kubernetes/helpers.go),
 * evaluated once on the converged statuses instead of polled: each check returns
 * undefined when it holds, else what it found instead. The semantics follow the
 * helpers: a condition matches on type, and on status and reason when given; most
 * helpers first require every condition to carry the object's latest generation.
 */
import { CONTROLLER_NAME, INFRA, type Obj } from "./cluster.js";

/** `Type=Status[:Reason]`; no reason means any reason. */
export type ConditionSpec = string;

interface ExpectedCondition {
  type: string;
  status: string;
  reason: string;
}

export function parseCondition(spec: ConditionSpec): ExpectedCondition {
  const m = /^([A-Za-z]+)=(True|False|Unknown|\*)(?::([A-Za-z]+))?$/.exec(spec);
  if (m === null) throw new Error(`condition ${JSON.stringify(spec)} is not Type=Status[:Reason]`);
  return { type: m[1]!, status: m[2] === "*" ? "" : m[2]!, reason: m[3] ?? "" };
}

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  observedGeneration?: number;
}

export interface ListenerExpectation {
  name: string;
  kinds?: string[];
  attachedRoutes: number;
  conditions?: ConditionSpec[];
}

export interface ParentExpectation {
  name: string;
  namespace?: string;
  kind?: string;
  conditions: ConditionSpec[];
}

/** One check; exactly one key is set. Object references are `namespace/name` or `name` (in the infra namespace). */
export interface Check {
  ready?: string[];
  gatewayClassLatest?: string;
  gatewayClassAccepted?: { name: string; status?: string };
  gatewayLatest?: string;
  gatewayCondition?: { gateway: string; condition: ConditionSpec };
  gatewayAddress?: string;
  /** The test's own reading of status.addresses: exactly these values. */
  gatewayAddresses?: { gateway: string; values: string[] };
  routesAccepted?: { parent: string; parentKind?: "Gateway" | "ListenerSet"; kind: string; routes: string[]; address?: boolean; listenerConditions?: boolean };
  gatewayListeners?: { gateway: string; listeners: ListenerExpectation[] };
  listenerSetListeners?: { listenerSet: string; listeners: ListenerExpectation[] };
  listenerConditions?: { gateway: string; listeners?: string[]; conditions: ConditionSpec[] };
  listenerSetListenerConditions?: { listenerSet: string; listeners?: string[]; conditions: ConditionSpec[] };
  listenerCondition?: { gateway: string; listener: string; conditions: ConditionSpec[] };
  zeroRoutes?: string;
  noAcceptedParents?: { kind: string; route: string };
  routeParents?: { kind: string; route: string; namespaceRequired?: boolean; parents: ParentExpectation[] };
  routeCondition?: { kind: string; route: string; gateway: string; condition: ConditionSpec };
  routeLatest?: { kind: string; route: string };
  policyCondition?: { policy: string; gateway: string; condition: ConditionSpec };
  policyLatest?: string;
  listenerSetCondition?: { listenerSet: string; condition: ConditionSpec };
  attachedListenerSets?: { gateway: string; count: number };
}

/** The cluster's objects with their statuses, by `Kind/namespace/name`. */
export type State = ReadonlyMap<string, Obj>;

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

function ref(text: string): { namespace: string; name: string } {
  const slash = text.indexOf("/");
  return slash < 0 ? { namespace: INFRA, name: text } : { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}

function get(state: State, kind: string, text: string, clusterScoped = false): Obj | undefined {
  if (clusterScoped) return state.get(objectKey(kind, "", text));
  const r = ref(text);
  return state.get(objectKey(kind, r.namespace, r.name));
}

function conditionsOf(value: unknown): Condition[] {
  return Array.isArray(value) ? (value as Condition[]) : [];
}

function findCondition(conditions: readonly Condition[], want: ExpectedCondition): boolean {
  return conditions.some((c) => c.type === want.type && (want.status === "" || c.status === want.status) && (want.reason === "" || c.reason === want.reason));
}

function describe(conditions: readonly Condition[]): string {
  return conditions.length === 0 ? "no conditions" : conditions.map((c) => `${c.type}=${c.status}:${c.reason}`).join(", ");
}

/** Why the conditions are not all of the object's generation, or undefined. */
function stale(obj: Obj, conditions: readonly Condition[]): string | undefined {
  const generation = obj.metadata.generation ?? 0;
  const old = conditions.filter((c) => (c.observedGeneration ?? 0) !== generation);
  if (old.length === 0) return undefined;
  return `observedGeneration is not ${generation} on ${old.map((c) => `${c.type} (${c.observedGeneration ?? "unset"})`).join(", ")}`;
}

function missing(kind: string, text: string): string {
  return `${kind} ${text} not found`;
}

interface StatusParent {
  parentRef?: { group?: string; kind?: string; name?: string; namespace?: string; sectionName?: string };
  ancestorRef?: { group?: string; kind?: string; name?: string; namespace?: string };
  controllerName?: string;
  conditions?: Condition[];
}

function parentsOf(obj: Obj, field: "parents" | "ancestors"): StatusParent[] {
  const v = obj.status?.[field];
  return Array.isArray(v) ? (v as StatusParent[]) : [];
}

function gatewayCondition(state: State, gateway: string, spec: ConditionSpec): string | undefined {
  const gw = get(state, "Gateway", gateway);
  if (gw === undefined) return missing("Gateway", gateway);
  const conditions = conditionsOf(gw.status?.conditions);
  const problem = stale(gw, conditions);
  if (problem !== undefined) return `Gateway ${gateway}: ${problem}`;
  return findCondition(conditions, parseCondition(spec)) ? undefined : `Gateway ${gateway}: wanted ${spec}, has ${describe(conditions)}`;
}

function gatewayAddress(state: State, gateway: string): string | undefined {
  const gw = get(state, "Gateway", gateway);
  if (gw === undefined) return missing("Gateway", gateway);
  const problem = stale(gw, conditionsOf(gw.status?.conditions));
  if (problem !== undefined) return `Gateway ${gateway}: ${problem}`;
  const addresses = Array.isArray(gw.status?.addresses) ? (gw.status.addresses as { type?: string }[]) : [];
  return addresses.some((a) => a.type !== undefined) ? undefined : `Gateway ${gateway}: no status.addresses with a type`;
}

function ready(state: State, namespaces: readonly string[]): string | undefined {
  for (const obj of state.values()) {
    if (obj.kind !== "Gateway" || !namespaces.includes(obj.metadata.namespace ?? "")) continue;
    if (obj.metadata.annotations?.["gateway-api/skip-this-for-readiness"] === "true") continue;
    const text = `${obj.metadata.namespace}/${obj.metadata.name}`;
    for (const spec of ["Accepted=True", "Programmed=True"]) {
      const problem = gatewayCondition(state, text, spec);
      if (problem !== undefined) return `not ready: ${problem}`;
    }
  }
  return undefined;
}

interface ListenerStatus {
  name?: string;
  supportedKinds?: { group?: string; kind?: string }[];
  attachedRoutes?: number;
  conditions?: Condition[];
}

function listenersOf(obj: Obj): ListenerStatus[] {
  return Array.isArray(obj.status?.listeners) ? (obj.status.listeners as ListenerStatus[]) : [];
}

/** GatewayStatusMustHaveListeners / ListenerSetStatusMustHaveListeners: exactly these listeners. */
function listenersMatch(kind: string, text: string, obj: Obj | undefined, expected: readonly ListenerExpectation[]): string | undefined {
  if (obj === undefined) return missing(kind, text);
  const problem = stale(obj, conditionsOf(obj.status?.conditions));
  if (problem !== undefined) return `${kind} ${text}: ${problem}`;
  const actual = listenersOf(obj);
  if (actual.length !== expected.length) return `${kind} ${text}: ${actual.length} listeners in status (${actual.map((l) => l.name).join(", ")}), wanted ${expected.length}`;
  for (const e of expected) {
    const a = actual.find((l) => l.name === e.name);
    if (a === undefined) return `${kind} ${text}: no listener ${e.name} in status`;
    const kinds = a.supportedKinds ?? [];
    const wanted = e.kinds ?? [];
    if (wanted.length === 0 && kinds.length > 0) return `${kind} ${text} listener ${e.name}: supportedKinds ${kinds.map((k) => k.kind).join(", ")}, wanted none`;
    for (const w of wanted) {
      const [group, k] = w.includes("/") ? (w.split("/") as [string, string]) : ["gateway.networking.k8s.io", w];
      if (!kinds.some((x) => (x.group ?? "gateway.networking.k8s.io") === group && x.kind === k)) return `${kind} ${text} listener ${e.name}: supportedKinds lack ${w}`;
    }
    if ((a.attachedRoutes ?? 0) !== e.attachedRoutes) return `${kind} ${text} listener ${e.name}: attachedRoutes ${a.attachedRoutes ?? 0}, wanted ${e.attachedRoutes}`;
    const conditions = conditionsOf(a.conditions);
    for (const c of e.conditions ?? []) if (!findCondition(conditions, parseCondition(c))) return `${kind} ${text} listener ${e.name}: wanted ${c}, has ${describe(conditions)}`;
  }
  return undefined;
}

/** GatewayListenersMustHaveConditions and its ListenerSet twin: every (named) listener has every condition. */
interface ListenerConditionsExpectation {
  /** Only these listeners (each must be in the status); all of them when absent. */
  names?: readonly string[] | undefined;
  specs: readonly ConditionSpec[];
  /** Whether the object's own conditions must also be of its latest generation. */
  latest: boolean;
}

function everyListenerHas(kind: string, text: string, obj: Obj | undefined, { names, specs, latest }: ListenerConditionsExpectation): string | undefined {
  if (obj === undefined) return missing(kind, text);
  if (latest) {
    const problem = stale(obj, conditionsOf(obj.status?.conditions));
    if (problem !== undefined) return `${kind} ${text}: ${problem}`;
  }
  const listeners = listenersOf(obj).filter((l) => names === undefined || names.includes(l.name ?? ""));
  for (const name of names ?? []) if (!listeners.some((l) => l.name === name)) return `${kind} ${text}: no listener ${name} in status`;
  for (const l of listeners) {
    const conditions = conditionsOf(l.conditions);
    for (const c of specs) if (!findCondition(conditions, parseCondition(c))) return `${kind} ${text} listener ${l.name}: wanted ${c}, has ${describe(conditions)}`;
  }
  return undefined;
}

/** The helpers' parentsForRouteMatch: every expected parent matched by one of ours. */
function routeParents(state: State, kind: string, route: string, expected: readonly ParentExpectation[], namespaceRequired: boolean): string | undefined {
  const obj = get(state, kind, route);
  if (obj === undefined) return missing(kind, route);
  const actual = parentsOf(obj, "parents");
  for (const p of actual) {
    const problem = stale(obj, conditionsOf(p.conditions));
    if (problem !== undefined) return `${kind} ${route} parent ${p.parentRef?.name}: ${problem}`;
  }
  for (const e of expected) {
    const group = "gateway.networking.k8s.io";
    const wantKind = e.kind ?? "Gateway";
    const matched = actual.some((a) => {
      const r = a.parentRef ?? {};
      if (a.controllerName !== CONTROLLER_NAME || r.group !== group || r.kind !== wantKind || r.name !== e.name) return false;
      if (r.namespace !== e.namespace && (namespaceRequired || r.namespace !== undefined)) return false;
      const conditions = conditionsOf(a.conditions);
      return e.conditions.every((c) => findCondition(conditions, parseCondition(c)));
    });
    if (!matched) {
      const seen = actual.map((a) => `${a.parentRef?.group ?? "-"}/${a.parentRef?.kind ?? "-"} ${a.parentRef?.namespace ?? "-"}/${a.parentRef?.name} [${describe(conditionsOf(a.conditions))}]`).join("; ");
      return `${kind} ${route}: no parent ${wantKind} ${e.namespace ?? ""}/${e.name} with ${e.conditions.join(", ")} (has ${seen || "no parents"})`;
    }
  }
  return undefined;
}

/** The *RouteMustHaveCondition helpers: some parent naming the gateway has the condition. */
function routeCondition(state: State, kind: string, route: string, gateway: string, spec: ConditionSpec): string | undefined {
  const obj = get(state, kind, route);
  if (obj === undefined) return missing(kind, route);
  const gw = ref(gateway);
  const parents = parentsOf(obj, "parents");
  for (const p of parents) {
    const problem = stale(obj, conditionsOf(p.conditions));
    if (problem !== undefined) return `${kind} ${route} parent ${p.parentRef?.name}: ${problem}`;
  }
  const want = parseCondition(spec);
  const ok = parents.some((p) => p.parentRef?.name === gw.name && (p.parentRef.namespace === undefined || p.parentRef.namespace === gw.namespace) && findCondition(conditionsOf(p.conditions), want));
  return ok ? undefined : `${kind} ${route}: no parent ${gateway} with ${spec} (has ${parents.map((p) => `${p.parentRef?.name} [${describe(conditionsOf(p.conditions))}]`).join("; ") || "no parents"})`;
}

function noAcceptedParents(state: State, kind: string, route: string): string | undefined {
  const obj = get(state, kind, route);
  if (obj === undefined) return missing(kind, route);
  const parents = parentsOf(obj, "parents");
  if (parents.length === 0) return undefined;
  if (parents.length > 1) return `${kind} ${route}: ${parents.length} parents in status, wanted at most one`;
  const conditions = conditionsOf(parents[0]!.conditions);
  const problem = stale(obj, conditions);
  if (problem !== undefined) return `${kind} ${route}: ${problem}`;
  return findCondition(conditions, parseCondition("Accepted=False")) ? undefined : `${kind} ${route}: parent not Accepted=False (${describe(conditions)})`;
}

function policyCondition(state: State, policy: string, gateway: string, spec: ConditionSpec): string | undefined {
  const obj = get(state, "BackendTLSPolicy", policy);
  if (obj === undefined) return missing("BackendTLSPolicy", policy);
  const gw = ref(gateway);
  const ancestors = parentsOf(obj, "ancestors");
  for (const a of ancestors) {
    const problem = stale(obj, conditionsOf(a.conditions));
    if (problem !== undefined) return `BackendTLSPolicy ${policy} ancestor ${a.ancestorRef?.name}: ${problem}`;
  }
  const want = parseCondition(spec);
  const ok = ancestors.some((a) => a.ancestorRef?.name === gw.name && (a.ancestorRef.namespace === undefined || a.ancestorRef.namespace === gw.namespace) && findCondition(conditionsOf(a.conditions), want));
  return ok ? undefined : `BackendTLSPolicy ${policy}: no ancestor ${gateway} with ${spec} (has ${ancestors.map((a) => `${a.ancestorRef?.name} [${describe(conditionsOf(a.conditions))}]`).join("; ") || "no ancestors"})`;
}

function latest(kind: string, text: string, obj: Obj | undefined, conditions: (o: Obj) => Condition[]): string | undefined {
  if (obj === undefined) return missing(kind, text);
  const problem = stale(obj, conditions(obj));
  return problem === undefined ? undefined : `${kind} ${text}: ${problem}`;
}

/** RoutesAndParentMustBeAccepted (and the Gateway*RoutesMustBeAccepted wrappers). */
function routesAccepted(state: State, c: NonNullable<Check["routesAccepted"]>): string | undefined {
  const parentKind = c.parentKind ?? "Gateway";
  if (c.address === true) {
    const problem = gatewayAddress(state, c.parent);
    if (problem !== undefined) return problem;
  }
  const parent = ref(c.parent);
  for (const route of c.routes) {
    const namespaceRequired = ref(route).namespace !== parent.namespace;
    const problem = routeParents(state, c.kind, route, [{ name: parent.name, namespace: parent.namespace, kind: parentKind, conditions: ["Accepted=True:Accepted"] }], namespaceRequired);
    if (problem !== undefined) return problem;
  }
  if (c.listenerConditions === false) return undefined;
  const specs = ["ResolvedRefs=True", "Accepted=True", "Programmed=True"];
  return parentKind === "Gateway"
    ? everyListenerHas("Gateway", c.parent, get(state, "Gateway", c.parent), { specs, latest: false })
    : everyListenerHas("ListenerSet", c.parent, get(state, "ListenerSet", c.parent), { specs, latest: true });
}

/** Evaluates one check: undefined when it holds, else the mismatch. */
export function evaluate(state: State, check: Check): string | undefined {
  if (check.ready !== undefined) return ready(state, check.ready);
  if (check.gatewayClassLatest !== undefined) return latest("GatewayClass", check.gatewayClassLatest, get(state, "GatewayClass", check.gatewayClassLatest, true), (o) => conditionsOf(o.status?.conditions));
  if (check.gatewayClassAccepted !== undefined) {
    const c = check.gatewayClassAccepted;
    const obj = get(state, "GatewayClass", c.name, true);
    const problem = latest("GatewayClass", c.name, obj, (o) => conditionsOf(o.status?.conditions));
    if (problem !== undefined || obj === undefined) return problem;
    const conditions = conditionsOf(obj.status?.conditions);
    return findCondition(conditions, { type: "Accepted", status: c.status ?? "", reason: "" }) ? undefined : `GatewayClass ${c.name}: wanted Accepted=${c.status ?? "*"}, has ${describe(conditions)}`;
  }
  if (check.gatewayLatest !== undefined) return latest("Gateway", check.gatewayLatest, get(state, "Gateway", check.gatewayLatest), (o) => conditionsOf(o.status?.conditions));
  if (check.gatewayCondition !== undefined) return gatewayCondition(state, check.gatewayCondition.gateway, check.gatewayCondition.condition);
  if (check.gatewayAddress !== undefined) return gatewayAddress(state, check.gatewayAddress);
  if (check.gatewayAddresses !== undefined) {
    const c = check.gatewayAddresses;
    const gw = get(state, "Gateway", c.gateway);
    if (gw === undefined) return missing("Gateway", c.gateway);
    const values = (Array.isArray(gw.status?.addresses) ? (gw.status.addresses as { value?: string }[]) : []).map((a) => a.value ?? "");
    return JSON.stringify(values) === JSON.stringify(c.values) ? undefined : `Gateway ${c.gateway}: status.addresses ${JSON.stringify(values)}, wanted ${JSON.stringify(c.values)}`;
  }
  if (check.routesAccepted !== undefined) return routesAccepted(state, check.routesAccepted);
  if (check.gatewayListeners !== undefined) return listenersMatch("Gateway", check.gatewayListeners.gateway, get(state, "Gateway", check.gatewayListeners.gateway), check.gatewayListeners.listeners);
  if (check.listenerSetListeners !== undefined) return listenersMatch("ListenerSet", check.listenerSetListeners.listenerSet, get(state, "ListenerSet", check.listenerSetListeners.listenerSet), check.listenerSetListeners.listeners);
  if (check.listenerConditions !== undefined) {
    const c = check.listenerConditions;
    return everyListenerHas("Gateway", c.gateway, get(state, "Gateway", c.gateway), { names: c.listeners, specs: c.conditions, latest: false });
  }
  if (check.listenerSetListenerConditions !== undefined) {
    const c = check.listenerSetListenerConditions;
    return everyListenerHas("ListenerSet", c.listenerSet, get(state, "ListenerSet", c.listenerSet), { names: c.listeners, specs: c.conditions, latest: true });
  }
  if (check.listenerCondition !== undefined) {
    const c = check.listenerCondition;
    return everyListenerHas("Gateway", c.gateway, get(state, "Gateway", c.gateway), { names: [c.listener], specs: c.conditions, latest: false });
  }
  if (check.zeroRoutes !== undefined) {
    const gw = get(state, "Gateway", check.zeroRoutes);
    const problem = latest("Gateway", check.zeroRoutes, gw, (o) => conditionsOf(o.status?.conditions));
    if (problem !== undefined || gw === undefined) return problem;
    const listeners = listenersOf(gw);
    if (listeners.length === 0 || (listeners.length === 1 && (listeners[0]!.attachedRoutes ?? 0) === 0)) return undefined;
    return `Gateway ${check.zeroRoutes}: listeners ${listeners.map((l) => `${l.name}=${l.attachedRoutes}`).join(", ")}, wanted none or one with 0 attachedRoutes`;
  }
  if (check.noAcceptedParents !== undefined) return noAcceptedParents(state, check.noAcceptedParents.kind, check.noAcceptedParents.route);
  if (check.routeParents !== undefined) {
    const c = check.routeParents;
    return routeParents(state, c.kind, c.route, c.parents.map((p) => ({ ...p, namespace: p.namespace ?? INFRA })), c.namespaceRequired ?? false);
  }
  if (check.routeCondition !== undefined) return routeCondition(state, check.routeCondition.kind, check.routeCondition.route, check.routeCondition.gateway, check.routeCondition.condition);
  if (check.routeLatest !== undefined) {
    const c = check.routeLatest;
    return latest(c.kind, c.route, get(state, c.kind, c.route), (o) => parentsOf(o, "parents").flatMap((p) => conditionsOf(p.conditions)));
  }
  if (check.policyCondition !== undefined) return policyCondition(state, check.policyCondition.policy, check.policyCondition.gateway, check.policyCondition.condition);
  if (check.policyLatest !== undefined) return latest("BackendTLSPolicy", check.policyLatest, get(state, "BackendTLSPolicy", check.policyLatest), (o) => parentsOf(o, "ancestors").flatMap((p) => conditionsOf(p.conditions)));
  if (check.listenerSetCondition !== undefined) {
    const c = check.listenerSetCondition;
    const obj = get(state, "ListenerSet", c.listenerSet);
    const problem = latest("ListenerSet", c.listenerSet, obj, (o) => conditionsOf(o.status?.conditions));
    if (problem !== undefined || obj === undefined) return problem;
    const conditions = conditionsOf(obj.status?.conditions);
    return findCondition(conditions, parseCondition(c.condition)) ? undefined : `ListenerSet ${c.listenerSet}: wanted ${c.condition}, has ${describe(conditions)}`;
  }
  if (check.attachedListenerSets !== undefined) {
    const c = check.attachedListenerSets;
    const gw = get(state, "Gateway", c.gateway);
    const problem = latest("Gateway", c.gateway, gw, (o) => conditionsOf(o.status?.conditions));
    if (problem !== undefined || gw === undefined) return problem;
    const n = typeof gw.status?.attachedListenerSets === "number" ? gw.status.attachedListenerSets : 0;
    return n === c.count ? undefined : `Gateway ${c.gateway}: attachedListenerSets ${n}, wanted ${c.count}`;
  }
  throw new Error(`unknown check ${JSON.stringify(Object.keys(check))}`);
}
