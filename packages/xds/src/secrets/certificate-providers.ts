/**
 * Certificates for proxyless gRPC clients. gRPC has no SDS: gRFC A29 has the client take
 * certificates from certificate provider plugin instances named in its bootstrap
 * (`certificate_providers`, e.g. a `file_watcher` reading mounted files), and the
 * control plane names the instance and, opaquely to most plugins, a certificate.
 */

/** The bootstrap instance names gRPC clients are told to read, per purpose. */
export interface GrpcCertificateProviders {
  /** The instance holding the client's own certificate and key (MUTUAL, ISTIO_MUTUAL). Default `default`. */
  identity: string;
  /** The instance holding the CA bundle that verifies servers. Default `default`. */
  root: string;
}

export const DEFAULT_GRPC_CERTIFICATE_PROVIDERS: GrpcCertificateProviders = { identity: "default", root: "default" };

/** An instance reference, in the shape both A29's message and its deprecated predecessor take. */
export function providerInstance(instanceName: string, certificateName: string): { instanceName: string; certificateName: string } {
  return { instanceName, certificateName };
}
