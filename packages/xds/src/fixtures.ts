/**
 * Test fixtures: Gateway API and Kubernetes objects, written compactly.
 */
import { VALID_CERT, VALID_KEY } from "@weft/gateway/testing/certificates";
const GW = "gateway.networking.k8s.io/v1";

export const gatewayClass = () => ({ apiVersion: GW, kind: "GatewayClass", metadata: { name: "istio" }, spec: { controllerName: "istio.io/gateway-controller" } });

export function gateway(name: string, listeners: object[], namespace = "istio-system") {
  return { apiVersion: GW, kind: "Gateway", metadata: { name, namespace, creationTimestamp: "2024-01-01T00:00:00Z" }, spec: { gatewayClassName: "istio", listeners } };
}

export const httpListener = (name: string, port: number, hostname?: string) => ({
  name,
  port,
  protocol: "HTTP",
  ...(hostname === undefined ? {} : { hostname }),
  allowedRoutes: { namespaces: { from: "All" } },
});

export function service(name: string, ports: { name?: string; port: number }[] = [{ name: "http", port: 80 }], namespace = "default") {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace }, spec: { ports } };
}

/**
 * A listener's certificate and key: @weft/gateway's test pair (the one source of test
 * certificates). The translator parses the certificate and checks the key belongs to
 * it; xDS only names it.
 */
const base64 = (text: string) => Buffer.from(text).toString("base64");

export function secret(name: string, namespace = "istio-system") {
  return { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type: "kubernetes.io/tls", data: { "tls.crt": base64(VALID_CERT), "tls.key": base64(VALID_KEY) } };
}

export function httpRoute(name: string, spec: object, namespace = "default", creationTimestamp = "2024-01-01T00:00:01Z") {
  return { apiVersion: GW, kind: "HTTPRoute", metadata: { name, namespace, creationTimestamp }, spec };
}

export function route(kind: "TCPRoute" | "TLSRoute", name: string, spec: object, namespace = "default") {
  return { apiVersion: "gateway.networking.k8s.io/v1alpha2", kind, metadata: { name, namespace, creationTimestamp: "2024-01-01T00:00:01Z" }, spec };
}

export const parent = (name: string, sectionName?: string) => ({ name, namespace: "istio-system", ...(sectionName === undefined ? {} : { sectionName }) });
export const backend = (name: string, port = 80, weight?: number) => ({ name, port, ...(weight === undefined ? {} : { weight }) });
