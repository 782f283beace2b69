import { describe, expect, test } from "vitest";
import { service } from "../fixtures.js";
import { resourceToJson } from "../json.js";
import { GRPC_SCOPE, SHARED_SCOPE } from "../resource.js";
import { world } from "../test-support.js";
import { resourceViolations } from "../validate/validate-resource.js";

const NAME = "outbound|80||b.default.svc.cluster.local";

function clustersWith(tls: object, xds = {}) {
  const w = world([service("b")], [], { xds });
  w.destinationRules.set({ metadata: { name: "b", namespace: "default" }, spec: { host: "b", trafficPolicy: { tls } } });
  const of = (scope: string) => w.xds.clusters.list().find((r) => r.scope === scope && r.name === NAME);
  return { grpc: of(GRPC_SCOPE), shared: of(SHARED_SCOPE) };
}

const tlsContext = (r: ReturnType<typeof clustersWith>["grpc"]) => (resourceToJson(r!) as { transportSocket: { typedConfig: { commonTlsContext: Record<string, unknown> } } }).transportSocket.typedConfig.commonTlsContext;

describe("TLS for proxyless gRPC clients (gRFC A29)", () => {
  test("ISTIO_MUTUAL gives gRPC clients certificate provider instances, not SDS; Envoy keeps SDS", () => {
    const { grpc, shared } = clustersWith({ mode: "ISTIO_MUTUAL" });
    const common = tlsContext(grpc);
    expect(JSON.stringify(common)).not.toContain("sdsConfig");
    expect(common.tlsCertificateProviderInstance).toEqual({ instanceName: "default", certificateName: "default" });
    expect(common.tlsCertificateCertificateProviderInstance).toEqual({ instanceName: "default", certificateName: "default" });
    expect(common.validationContext).toEqual({ caCertificateProviderInstance: { instanceName: "default", certificateName: "ROOTCA" } });
    expect(JSON.stringify(tlsContext(shared))).toContain("sdsConfig");
    expect(resourceViolations(grpc!).map((v) => `${v.path}: ${v.message}`)).toEqual([]);
  });

  test("SIMPLE verifies with the root instance, names the credential's CA, and matches SANs as gRPC reads them", () => {
    const { grpc } = clustersWith({ mode: "SIMPLE", credentialName: "b-ca", subjectAltNames: ["b.example.com"] }, { grpcCertificateProviders: { root: "roots" } });
    const common = tlsContext(grpc);
    expect(common.tlsCertificateProviderInstance).toBeUndefined();
    expect(common.validationContext).toEqual({ caCertificateProviderInstance: { instanceName: "roots", certificateName: "kubernetes://b-ca-cacert" }, matchSubjectAltNames: [{ exact: "b.example.com" }] });
    expect(grpc?.problems).toBeUndefined();
    expect(resourceViolations(grpc!)).toEqual([]);
  });

  test("a skipped verification cannot be honoured by gRPC: it verifies anyway, and says so", () => {
    const { grpc } = clustersWith({ mode: "SIMPLE", insecureSkipVerify: true });
    expect(grpc?.problems).toEqual([expect.stringContaining("gRPC clients cannot skip server verification")]);
  });

  test("clusters without TLS have no gRPC copy", () => {
    expect(clustersWith({ mode: "DISABLE" }).grpc).toBeUndefined();
  });
});
