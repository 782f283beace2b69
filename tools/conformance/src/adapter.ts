/**
 * The corpus's world, handed to `translate()` the way a user would: environment.yaml
 * becomes TranslateOptions (domain suffix, controller, features, the mesh registry)
 * plus the objects present in every case (Kubernetes Services for the registry's
 * cluster-local hostnames, Secrets and ConfigMaps), and the case's own objects are
 * added to them. As in the harness that wrote the goldens, a Namespace exists (labelled
 * from the template) for each namespace the case's own objects use.
 */
import { formatManifestError, loadManifests } from "@weft/api";
import { translate, type InputObject, type MeshService, type TranslateOptions } from "@weft/gateway";
import { parseDocuments } from "./documents.js";
import type { CaseInput, CaseOutput } from "./run.js";

interface Environment {
  options?: { domainSuffix?: string; controllerName?: string; clusterId?: string; features?: TranslateOptions["features"] };
  services?: MeshService[];
  namespaceLabels?: Record<string, string>;
  objects?: InputObject[];
}

function namespaceLabels(template: Record<string, string>, namespace: string): Record<string, string> {
  const prefix = namespace.split("-")[0]!;
  return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v.replaceAll("{namespace-prefix}", prefix)]));
}

/** Kubernetes Service objects for the registry entries that are cluster-local. */
function kubernetesServices(services: readonly MeshService[], domainSuffix: string): InputObject[] {
  return services
    .filter((s) => s.hostname.endsWith(domainSuffix))
    .map((s) => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: s.name ?? s.hostname.split(".")[0]!, namespace: s.namespace },
      spec: { ports: s.ports.map((p) => ({ ...(p.name === undefined ? {} : { name: p.name }), port: p.port, ...(p.protocol === undefined ? {} : { protocol: p.protocol }) })) },
    }));
}

/** The world of one case: options and every object, the case's included. */
export function caseWorld(input: CaseInput): { objects: InputObject[]; options: TranslateOptions } {
  const env = (parseDocuments(input.environmentText, input.environmentPath)[0] ?? {}) as Environment;
  // The world's endpoints: each service's first port targets workload port 8080.
  const services = (env.services ?? []).map((svc) => ({ ...svc, ports: svc.ports.map((p, i) => (i === 0 ? { ...p, targetPort: 8080 } : p)) }));
  const options: TranslateOptions = { ...env.options, meshServices: services, now: "fake" };
  // The case goes through the loader a user's tool would use; a document it rejects
  // fails the case with the loader's located message rather than vanishing.
  const loaded = loadManifests(input.caseText, input.casePath);
  if (loaded.errors.length > 0) throw new Error(loaded.errors.map(formatManifestError).join("; "));
  const caseObjects: InputObject[] = loaded.objects;
  const objects = [...kubernetesServices(services, options.domainSuffix ?? "cluster.local"), ...(env.objects ?? []), ...caseObjects];
  const namespaces = [...new Set(caseObjects.map((o) => o.metadata?.namespace).filter((ns): ns is string => typeof ns === "string" && ns !== ""))].sort();
  const namespaceObjects: InputObject[] = namespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: namespaceLabels(env.namespaceLabels ?? {}, name) } }));
  return { objects: [...objects, ...namespaceObjects], options };
}

/** Runs one corpus case through `translate()`. */
export function translateCase(input: CaseInput): CaseOutput {
  const { objects, options } = caseWorld(input);
  const result = translate(objects, options);
  return { config: [...result.gateways, ...result.virtualServices, ...result.destinationRules], statuses: result.statuses };
}
