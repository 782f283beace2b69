/**
 * The cluster a conformance test runs in, as the translator would see it: the suite's
 * base manifests and the test's own, with the suite's placeholders filled in and the
 * API server's defaults and metadata applied (via @weft/api), the Secrets and
 * ConfigMaps the suite's setup creates (real certificates, made at run time), the
 * built-in GatewayClass Istio installs, and for every Gateway Istio deploys the Service
 * (and EndpointSlice) its deployment controller creates, with a LoadBalancer address
 * as a cluster with a load-balancer implementation (kind with MetalLB, in Istio's CI)
 * assigns it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { admitCreated, crdDefaulter, type CrdDefaulter, namespaceOf } from "@weft/api";
import { parseAllDocuments } from "yaml";
import { issueCertificate, type Issued } from "./certificates.js";

export type Obj = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; generation?: number; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

export const GATEWAY_CLASS_NAME = "istio";
export const CONTROLLER_NAME = "istio.io/gateway-controller";
export const INFRA = "gateway-conformance-infra";
export const APP = "gateway-conformance-app-backend";
export const WEB = "gateway-conformance-web-backend";

export type Channel = "standard" | "experimental";

/** Every document of a YAML file, placeholders filled in as the suite's applier does. */
export function readManifests(path: string): Obj[] {
  const text = readFileSync(path, "utf8").replaceAll("{GATEWAY_CLASS_NAME}", GATEWAY_CLASS_NAME).replaceAll("{GATEWAY_CONTROLLER_NAME}", CONTROLLER_NAME);
  const out: Obj[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
    const value = doc.toJS() as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) out.push(prepare(value as Obj));
  }
  return out;
}

/**
 * The address pools given to the suite, as Istio's own conformance run gives them: a
 * Service hostname that exists (usable) and one that does not (unusable).
 */
const USABLE_ADDRESSES = [{ type: "Hostname", value: "infra-backend-v1.gateway-conformance-infra.svc.cluster.local" }];
const UNUSABLE_ADDRESSES = [{ type: "Hostname", value: "foo" }];

/**
 * What the suite's applier changes before applying: a GatewayClass gets the
 * implementation's controller, a Gateway the suite's class; addresses asking for the
 * suite's address pools get them (special ones the test writes itself first).
 */
function prepare(o: Obj): Obj {
  if (o.kind === "GatewayClass") return { ...o, spec: { ...o.spec, controllerName: CONTROLLER_NAME } };
  if (o.kind !== "Gateway") return o;
  const spec: Record<string, unknown> = { ...o.spec, gatewayClassName: GATEWAY_CLASS_NAME };
  const addresses = Array.isArray(spec.addresses) ? (spec.addresses as { type?: string; value?: string }[]) : [];
  if (addresses.length > 0) {
    const usable = addresses.some((a) => a.value === "PLACEHOLDER_USABLE_ADDRS");
    const unusable = addresses.some((a) => a.value === "PLACEHOLDER_UNUSABLE_ADDRS");
    const special = addresses.filter((a) => a.type === "test/fake-invalid-type");
    if (usable || unusable || special.length > 0) spec.addresses = [...special, ...(unusable ? UNUSABLE_ADDRESSES : []), ...(usable ? USABLE_ADDRESSES : [])];
  }
  return { ...o, spec };
}

/** The CRDs of a channel, as one defaulter. */
export function channelDefaulter(suiteRoot: string, channel: Channel): CrdDefaulter {
  const dir = join(suiteRoot, "config", "crd", channel);
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), "utf8")).map((d) => d.toJS() as unknown));
  return crdDefaulter(docs);
}

function tlsSecret(namespace: string, name: string, issued: Issued): Obj {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace },
    type: "kubernetes.io/tls",
    data: { "tls.crt": Buffer.from(issued.certificatePem).toString("base64"), "tls.key": Buffer.from(issued.privateKeyPem).toString("base64") },
  };
}

function caConfigMap(namespace: string, name: string, ca: Issued): Obj {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data: { "ca.crt": ca.certificatePem } };
}

let cachedSetup: Obj[] | undefined;

/**
 * The Secrets and ConfigMaps the suite's setup creates, with certificates made once per
 * process (RSA key generation dominates a run otherwise); each caller gets a copy.
 */
export function setupObjects(now: Date): Obj[] {
  cachedSetup ??= makeSetupObjects(now);
  return structuredClone(cachedSetup);
}

function makeSetupObjects(now: Date): Obj[] {
  const server = (hosts: string[], issuer?: Issued) => issueCertificate({ hosts, usages: ["serverAuth"], ...(issuer === undefined ? {} : { issuer }), now });
  const client = (issuer: Issued) => issueCertificate({ usages: ["clientAuth"], issuer, now });
  const ca = () => issueCertificate({ ca: true, usages: ["clientAuth", "serverAuth"], now });
  const webCa = ca();
  const validityCa = ca();
  const perPortCa = ca();
  const checksCa = ca();
  const mismatchCa = ca();
  return [
    tlsSecret(WEB, "certificate", server(["*"])),
    tlsSecret(INFRA, "tls-validity-checks-certificate", server(["*", "*.org", "*.wildcard.org"])),
    caConfigMap(WEB, "web-backend-cm", webCa),
    caConfigMap(INFRA, "tls-validity-checks-ca-certificate", validityCa),
    tlsSecret(INFRA, "tls-validity-checks-client-certificate", client(validityCa)),
    caConfigMap(INFRA, "tls-validity-checks-per-port-ca-certificate", perPortCa),
    tlsSecret(INFRA, "tls-validity-checks-per-port-client-certificate", client(perPortCa)),
    caConfigMap(INFRA, "tls-checks-ca-certificate", checksCa),
    tlsSecret(INFRA, "tls-checks-certificate", server(["abc.example.com", "spiffe://abc.example.com/test-identity", "other.example.com"], checksCa)),
    tlsSecret(INFRA, "tls-checks-client-certificate", client(checksCa)),
    tlsSecret(INFRA, "tls-passthrough-checks-certificate", server(["abc.example.com"], checksCa)),
    tlsSecret(APP, "tls-passthrough-checks-certificate", server(["abc.example.com"], checksCa)),
    tlsSecret(INFRA, "tls-terminate-checks-certificate", server(["tls.example.com"], checksCa)),
    caConfigMap(INFRA, "mismatch-ca-certificate", mismatchCa),
  ];
}

/** The GatewayClass Istio installs for its own controller. */
export function builtinGatewayClass(): Obj {
  return { apiVersion: "gateway.networking.k8s.io/v1", kind: "GatewayClass", metadata: { name: GATEWAY_CLASS_NAME }, spec: { controllerName: CONTROLLER_NAME } };
}

interface Listener {
  port?: number;
  protocol?: string;
}

/** Whether Istio deploys a Gateway itself: no address, or exactly one IP address. */
function deployedByIstio(gateway: Obj): boolean {
  const addresses = Array.isArray(gateway.spec?.addresses) ? (gateway.spec.addresses as { type?: string }[]) : [];
  if (addresses.length === 0) return true;
  return addresses.length === 1 && (addresses[0]!.type ?? "IPAddress") === "IPAddress";
}

/** The listeners of the ListenerSets whose parentRef names this Gateway. */
function listenerSetListeners(objects: readonly Obj[], gw: Obj): Listener[] {
  const namespace = namespaceOf(gw);
  return objects
    .filter((o) => o.kind === "ListenerSet")
    .filter((o) => {
      const parent = (o.spec?.parentRef ?? {}) as { name?: string; namespace?: string; kind?: string };
      return parent.name === gw.metadata.name && (parent.namespace ?? o.metadata.namespace) === namespace && (parent.kind ?? "Gateway") === "Gateway";
    })
    .flatMap((o) => (Array.isArray(o.spec?.listeners) ? (o.spec.listeners as Listener[]) : []));
}

/**
 * For every Gateway of the suite's class that Istio deploys: its Service (type
 * LoadBalancer, the status port and one port per listener port, its ListenerSets'
 * included, the LoadBalancer address assigned) and the EndpointSlice of its one pod.
 */
export function gatewayInfrastructure(objects: readonly Obj[]): Obj[] {
  const out: Obj[] = [];
  let n = 0;
  for (const gw of objects) {
    if (gw.kind !== "Gateway" || gw.spec?.gatewayClassName !== GATEWAY_CLASS_NAME || !deployedByIstio(gw)) continue;
    n += 1;
    const namespace = namespaceOf(gw);
    const name = `${gw.metadata.name}-${GATEWAY_CLASS_NAME}`;
    const listeners = [...(Array.isArray(gw.spec?.listeners) ? (gw.spec.listeners as Listener[]) : []), ...listenerSetListeners(objects, gw)];
    const ports: { name: string; port: number; protocol: string; appProtocol?: string }[] = [{ name: "status-port", port: 15021, protocol: "TCP", appProtocol: "tcp" }];
    for (const l of listeners) {
      if (typeof l.port !== "number" || ports.some((p) => p.port === l.port)) continue;
      ports.push({ name: `${(l.protocol ?? "tcp").toLowerCase()}-${l.port}`, port: l.port, protocol: l.protocol === "UDP" ? "UDP" : "TCP" });
    }
    const labels = { "gateway.networking.k8s.io/gateway-name": gw.metadata.name, "gateway.istio.io/managed": "istio.io-gateway-controller" };
    const clusterIP = `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    const ingressIP = `172.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    out.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels },
      spec: { type: "LoadBalancer", clusterIP, clusterIPs: [clusterIP], selector: { "gateway.networking.k8s.io/gateway-name": gw.metadata.name }, ports: ports.map((p) => ({ ...p, targetPort: p.port })) },
      status: { loadBalancer: { ingress: [{ ip: ingressIP, ipMode: "VIP" }] } },
    });
    out.push({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: `${name}-slice`, namespace, labels: { "kubernetes.io/service-name": name } },
      addressType: "IPv4",
      endpoints: [{ addresses: [`10.244.${Math.floor(n / 250)}.${(n % 250) + 1}`], conditions: { ready: true } }],
      ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
    });
  }
  return out;
}

/** All objects of a test's cluster, admitted (defaults and server metadata applied). */
export function clusterObjects(manifests: readonly Obj[], setup: readonly Obj[], defaulter: CrdDefaulter, now: Date): Obj[] {
  const written = [builtinGatewayClass(), ...setup, ...manifests];
  const admitted = admitCreated(written, { defaulter, now });
  return [...admitted, ...admitCreated(gatewayInfrastructure(admitted), { now })];
}
