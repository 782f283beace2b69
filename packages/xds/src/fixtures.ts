/**
 * Test fixtures: Gateway API and Kubernetes objects, written compactly.
 */
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
 * A certificate and its key, made for tests (self-signed EC P-256, CN weft-test.example,
 * valid 2000 to 2099; the same pair as @weft/gateway's test certificates). The translator
 * parses a listener's certificate and checks the key belongs to it; xDS only names it.
 */
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBIjCByAIBATAKBggqhkjOPQQDAjAcMRowGAYDVQQDDBF3ZWZ0LXRlc3QuZXhh
bXBsZTAgFw0wMDAxMDEwMDAwMDBaGA8yMDk5MTIzMTIzNTk1OVowHDEaMBgGA1UE
AwwRd2VmdC10ZXN0LmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQj
Ij2zmYx4swhDBJ3xFwWiZpiQUL09SAv1/2fjmNMtee1Jz3cN8zeN6MpnaiDhYvfT
ppWEcVJ8YunFf1UD/Vb2MAoGCCqGSM49BAMCA0kAMEYCIQDAN0XSL+9eJbumpLJR
k4DhPJ6XjVg4c5JllErtSVfGYQIhAIgcy+w1lzMvx7Libqbg9U0Kl+hFw7LjdYba
zin/h5xA
-----END CERTIFICATE-----
`;
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgWFpfkZ7uKXpcPmH9
lSHUHJ5UUoCsQ+7U47J2cMI+GnuhRANCAAQjIj2zmYx4swhDBJ3xFwWiZpiQUL09
SAv1/2fjmNMtee1Jz3cN8zeN6MpnaiDhYvfTppWEcVJ8YunFf1UD/Vb2
-----END PRIVATE KEY-----
`;
const base64 = (text: string) => Buffer.from(text).toString("base64");

export function secret(name: string, namespace = "istio-system") {
  return { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type: "kubernetes.io/tls", data: { "tls.crt": base64(TEST_CERT), "tls.key": base64(TEST_KEY) } };
}

export function httpRoute(name: string, spec: object, namespace = "default", creationTimestamp = "2024-01-01T00:00:01Z") {
  return { apiVersion: GW, kind: "HTTPRoute", metadata: { name, namespace, creationTimestamp }, spec };
}

export function route(kind: "TCPRoute" | "TLSRoute", name: string, spec: object, namespace = "default") {
  return { apiVersion: "gateway.networking.k8s.io/v1alpha2", kind, metadata: { name, namespace, creationTimestamp: "2024-01-01T00:00:01Z" }, spec };
}

export const parent = (name: string, sectionName?: string) => ({ name, namespace: "istio-system", ...(sectionName === undefined ? {} : { sectionName }) });
export const backend = (name: string, port = 80, weight?: number) => ({ name, port, ...(weight === undefined ? {} : { weight }) });
