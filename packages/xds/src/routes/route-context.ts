/**
 * What translating one VirtualService's HTTP routes needs to know beyond the routes.
 */
import type { ConsistentHashLB } from "@weft/api";
import type { RouteFlavour } from "./route-match.js";

export interface RouteContext {
  flavour: RouteFlavour;
  /** The port the routes serve (a match naming another port is skipped). */
  listenPort: number;
  /** Whether the server terminates TLS (redirects then default to https). */
  isTls: boolean;
  /** Gateway API semantics (`internal.istio.io/route-semantics: gateway`). */
  gatewaySemantics: boolean;
  namespace: string;
  domainSuffix: string;
  defaultRetries: { attempts: number; retryOn?: string } | null;
  /** The ports of the service with this hostname, or undefined when there is none. */
  servicePorts(host: string): readonly number[] | undefined;
  /** Notes what the routes could not honour; it ends up on the resource's problems. */
  report(problem: string): void;
  /** The consistent-hash settings a DestinationRule gives this destination, if any. */
  consistentHash(host: string, port: number, subset: string): ConsistentHashLB | undefined;
}
