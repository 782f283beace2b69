/**
 * The whole pipeline as one function: Gateway API translation (@weft/gateway), the mesh
 * service index (@weft/mesh, the one service registry the translator and the xDS builders
 * both read), endpoints from EndpointSlices, and the xDS builders (which merge each gateway
 * proxy's Istio Gateways with @weft/mesh's `mergeGateways`), over one set of input
 * collections and one domain suffix. A controller passes informers, the one-shot path and
 * tests pass static collections; the collections built are the same, so one code path
 * serves both.
 */
import type { EndpointSlice } from "@weft/api";
import { gatewayCollections, type GatewayInputs, type GatewayOutputs, type TranslateOptions } from "@weft/gateway";
import { dispose, join, staticCollection, type Collection } from "@weft/krt";
import { serviceIndex, type ServiceIndex } from "@weft/mesh";
import { xdsCollections, type XdsOutputs } from "./collections.js";
import { endpointsFromSlices } from "./endpoints/endpoint-slices.js";
import { xdsInputsFromGateway } from "./inputs.js";
import { serviceEndpointsKey, type DestinationRuleInput, type GatewayConfigInput, type ServiceEndpoints, type VirtualServiceInput } from "./model.js";
import type { XdsOptions } from "./options.js";

/** Istio config written by hand, served beside the translator's; the translator's object wins a name clash. */
export interface HandWrittenIstioConfig {
  gateways?: Collection<GatewayConfigInput>;
  virtualServices?: Collection<VirtualServiceInput>;
  destinationRules?: Collection<DestinationRuleInput>;
}

/** What the pipeline reads. Every collection stays the caller's: the pipeline never writes or disposes one. */
export interface ControlPlaneInputs {
  /** The translator's inputs (Gateway API objects, Services, ServiceEntries, Secrets...): informers, or @weft/gateway `staticInputs`. */
  gateway: GatewayInputs;
  /** EndpointSlices, turned into the endpoints of the Services among `gateway.services` ({@link endpointsFromSlices}). */
  endpointSlices?: Collection<EndpointSlice>;
  /** Endpoints per service port written directly (tests, WorkloadEntries...); on the same port they win over `endpointSlices`'. */
  endpoints?: Collection<ServiceEndpoints>;
  istio?: HandWrittenIstioConfig;
}

/**
 * Options of {@link controlPlaneCollections}. The domain suffix is given once and used by
 * every stage: translation, the service index, endpoint hostnames and xDS.
 */
export interface ControlPlaneOptions {
  /** The cluster domain of every generated and resolved hostname. Default `cluster.local`. */
  domainSuffix?: string;
  /**
   * The translator's options. Its `meshServices` are given to the service index, so the
   * xDS builders see them too (as clusters), not only the translator.
   */
  translate?: Omit<TranslateOptions, "domainSuffix" | "serviceIndex">;
  /** The xDS builders' options. */
  xds?: Omit<XdsOptions, "domainSuffix">;
}

/** Every collection of the pipeline, live. */
export interface ControlPlane {
  /** The translator's outputs: Istio Gateways, VirtualServices and DestinationRules, every status, InferencePool shadow Services. */
  gateway: GatewayOutputs;
  /** The mesh service index the translator and the xDS builders read. */
  services: ServiceIndex;
  /** The endpoints the load assignments are built from. */
  endpoints: Collection<ServiceEndpoints>;
  /** The xDS builders' outputs: `resources` is what an ADS server serves; `problems` what they left out or worked around. */
  xds: XdsOutputs;
  /** Stops maintaining every collection above (a second call does nothing); the input collections are left alone. */
  dispose(): void;
}

/**
 * The collections at the pipeline's roots: a view of each input it reads (a one-input
 * join, so disposing the view releases everything built on it and nothing of the
 * caller's) and the few collections of its own. Disposing them disposes the pipeline.
 */
class PipelineRoots {
  private readonly roots: Collection<unknown>[] = [];

  view<T>(c: Collection<T>, name: string, key?: (item: T) => string): Collection<T> {
    return this.own(join([c], { name: `ControlPlane/${name}`, ...(key === undefined ? {} : { key }) }));
  }

  own<T>(c: Collection<T>): Collection<T> {
    this.roots.push(c);
    return c;
  }

  dispose(): void {
    for (const c of this.roots) dispose(c);
  }
}

/** Builds the pipeline over `inputs`. */
export function controlPlaneCollections(inputs: ControlPlaneInputs, options: ControlPlaneOptions = {}): ControlPlane {
  const domainSuffix = options.domainSuffix ?? "cluster.local";
  const { meshServices, ...translate } = options.translate ?? {};
  const roots = new PipelineRoots();
  const gatewayInputs = Object.fromEntries(Object.entries(inputs.gateway).map(([name, c]) => [name, roots.view(c as Collection<unknown>, name)])) as unknown as GatewayInputs;
  const services = serviceIndex(gatewayInputs.services, gatewayInputs.serviceEntries, { domainSuffix, ...(meshServices === undefined ? {} : { given: meshServices }) });
  const gateway = gatewayCollections(gatewayInputs, { ...translate, domainSuffix, serviceIndex: services });
  const endpoints = endpointsInput(inputs, gatewayInputs.services, domainSuffix, roots);
  const istio = inputs.istio ?? {};
  const handWritten = {
    ...(istio.gateways === undefined ? {} : { gateways: roots.view(istio.gateways, "gateways") }),
    ...(istio.virtualServices === undefined ? {} : { virtualServices: roots.view(istio.virtualServices, "virtualServices") }),
    ...(istio.destinationRules === undefined ? {} : { destinationRules: roots.view(istio.destinationRules, "destinationRules") }),
  };
  const xds = xdsCollections(xdsInputsFromGateway(gateway, services.canonical, endpoints, handWritten), { ...options.xds, domainSuffix });
  let disposed = false;
  return {
    gateway,
    services,
    endpoints,
    xds,
    dispose() {
      if (disposed) return;
      disposed = true;
      // The index first: its own roots (given services) are not below the views.
      gateway.dispose();
      services.dispose();
      roots.dispose();
    },
  };
}

/** The endpoints: direct ones first, then those of the EndpointSlices; an empty collection of the pipeline's own when neither is given. */
function endpointsInput(inputs: ControlPlaneInputs, services: GatewayInputs["services"], domainSuffix: string, roots: PipelineRoots): Collection<ServiceEndpoints> {
  const parts: Collection<ServiceEndpoints>[] = [];
  if (inputs.endpoints !== undefined) parts.push(roots.view(inputs.endpoints, "endpoints", serviceEndpointsKey));
  if (inputs.endpointSlices !== undefined) parts.push(endpointsFromSlices(roots.view(inputs.endpointSlices, "endpointSlices"), services, { domainSuffix }));
  if (parts.length === 1) return parts[0]!;
  if (parts.length > 1) return join(parts, { name: "ControlPlane/ServiceEndpoints", key: serviceEndpointsKey });
  return roots.own(staticCollection<ServiceEndpoints>([], { name: "ControlPlane/NoEndpoints", key: serviceEndpointsKey }));
}
