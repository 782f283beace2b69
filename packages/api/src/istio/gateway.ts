/**
 * Istio's Gateway (networking.istio.io): the servers (port, hosts, TLS) a set of gateway
 * proxies, chosen by label selector, exposes. Named `IstioGateway` here so it does not
 * collide with the Gateway API kind of the same name.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject, stringMap } from "../schema-kit.js";
import { ISTIO_NETWORKING_API_VERSIONS, IstioStatusSchema } from "./common.js";

/**
 * The port a server listens on: number, protocol (HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP,
 * TLS) and a name.
 */
export const IstioServerPortSchema = kobject({
  number: int.optional(),
  protocol: z.string().optional(),
  name: z.string().optional(),
  targetPort: int.optional(),
});
/** What {@link IstioServerPortSchema} parses to, inferred from it so the shape is written once. */
export type IstioServerPort = z.infer<typeof IstioServerPortSchema>;

/**
 * TLS settings of a server: the mode (PASSTHROUGH, SIMPLE, MUTUAL, AUTO_PASSTHROUGH,
 * ISTIO_MUTUAL, OPTIONAL_MUTUAL), certificates by file or credential name, and client
 * validation and protocol constraints.
 */
export const ServerTLSSettingsSchema = kobject({
  httpsRedirect: z.boolean().optional(),
  mode: z.string().optional(),
  serverCertificate: z.string().optional(),
  privateKey: z.string().optional(),
  caCertificates: z.string().optional(),
  caCrl: z.string().optional(),
  credentialName: z.string().optional(),
  credentialNames: z.array(z.string()).optional(),
  caCertCredentialName: z.string().optional(),
  tlsCertificates: z
    .array(
      kobject({
        serverCertificate: z.string().optional(),
        privateKey: z.string().optional(),
        caCertificates: z.string().optional(),
      }),
    )
    .optional(),
  subjectAltNames: z.array(z.string()).optional(),
  verifyCertificateSpki: z.array(z.string()).optional(),
  verifyCertificateHash: z.array(z.string()).optional(),
  minProtocolVersion: z.string().optional(),
  maxProtocolVersion: z.string().optional(),
  cipherSuites: z.array(z.string()).optional(),
  insecureSkipVerify: z.boolean().optional(),
});
/** What {@link ServerTLSSettingsSchema} parses to, inferred from it so the shape is written once. */
export type ServerTLSSettings = z.infer<typeof ServerTLSSettingsSchema>;

/**
 * One server of an Istio Gateway: a port, the hosts it serves ("namespace/host" form
 * allowed) and its TLS settings.
 */
export const IstioServerSchema = kobject({
  port: IstioServerPortSchema.optional(),
  bind: z.string().optional(),
  hosts: z.array(z.string()).optional(),
  tls: ServerTLSSettingsSchema.optional(),
  defaultEndpoint: z.string().optional(),
  name: z.string().optional(),
});
/** What {@link IstioServerSchema} parses to, inferred from it so the shape is written once. */
export type IstioServer = z.infer<typeof IstioServerSchema>;

/**
 * The spec of an Istio Gateway.
 */
export const IstioGatewaySpecSchema = kobject({
  servers: z.array(IstioServerSchema).optional(),
  selector: stringMap.optional(),
});
/** What {@link IstioGatewaySpecSchema} parses to, inferred from it so the shape is written once. */
export type IstioGatewaySpec = z.infer<typeof IstioGatewaySpecSchema>;

/**
 * An Istio Gateway object. Istio objects may omit `spec` (an empty one is valid).
 */
export const IstioGatewaySchema = kobject({
  apiVersion: z.enum(ISTIO_NETWORKING_API_VERSIONS),
  kind: z.literal("Gateway"),
  metadata: ObjectMetaSchema,
  spec: IstioGatewaySpecSchema.optional(),
  status: IstioStatusSchema.optional(),
});
/** What {@link IstioGatewaySchema} parses to, inferred from it so the shape is written once. */
export type IstioGateway = z.infer<typeof IstioGatewaySchema>;
