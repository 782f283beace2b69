/**
 * The core v1 Service: ports, selector and addressing of a set of Pods (or an external
 * name). Gateways are fronted by Services and routes point at them.
 */
import { z } from "zod";
import { ConditionSchema, ObjectMetaSchema } from "../meta.js";
import { int, intOrString, kobject, stringMap } from "../schema-kit.js";

/** The apiVersions a Service is accepted under (core group, so just "v1"). */
export const SERVICE_API_VERSIONS = ["v1"] as const;

/**
 * A Service port: the port clients use, the protocol, an optional application protocol,
 * and the Pod port (number or name) it forwards to.
 */
export const ServicePortSchema = kobject({
  name: z.string().optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
  port: int,
  targetPort: intOrString.optional(),
  nodePort: int.optional(),
});
/** What {@link ServicePortSchema} parses to, inferred from it so the shape is written once. */
export type ServicePort = z.infer<typeof ServicePortSchema>;

/**
 * The spec of a Service.
 */
export const ServiceSpecSchema = kobject({
  ports: z.array(ServicePortSchema).optional(),
  selector: stringMap.optional(),
  clusterIP: z.string().optional(),
  clusterIPs: z.array(z.string()).optional(),
  type: z.string().optional(),
  externalIPs: z.array(z.string()).optional(),
  sessionAffinity: z.string().optional(),
  loadBalancerIP: z.string().optional(),
  loadBalancerSourceRanges: z.array(z.string()).optional(),
  externalName: z.string().optional(),
  externalTrafficPolicy: z.string().optional(),
  healthCheckNodePort: int.optional(),
  publishNotReadyAddresses: z.boolean().optional(),
  sessionAffinityConfig: kobject({
    clientIP: kobject({ timeoutSeconds: int.optional() }).optional(),
  }).optional(),
  ipFamilies: z.array(z.string()).optional(),
  ipFamilyPolicy: z.string().optional(),
  allocateLoadBalancerNodePorts: z.boolean().optional(),
  loadBalancerClass: z.string().optional(),
  internalTrafficPolicy: z.string().optional(),
  trafficDistribution: z.string().optional(),
});
/** What {@link ServiceSpecSchema} parses to, inferred from it so the shape is written once. */
export type ServiceSpec = z.infer<typeof ServiceSpecSchema>;

/**
 * One load-balancer ingress point of a Service (an IP or a hostname). Gateway status
 * addresses are read from these.
 */
export const LoadBalancerIngressSchema = kobject({
  ip: z.string().optional(),
  hostname: z.string().optional(),
  ipMode: z.string().optional(),
  ports: z
    .array(kobject({ port: int, protocol: z.string(), error: z.string().optional() }))
    .optional(),
});
/** What {@link LoadBalancerIngressSchema} parses to, inferred from it so the shape is written once. */
export type LoadBalancerIngress = z.infer<typeof LoadBalancerIngressSchema>;

/**
 * The status of a Service: its load balancer ingress points and conditions.
 */
export const ServiceStatusSchema = kobject({
  loadBalancer: kobject({ ingress: z.array(LoadBalancerIngressSchema).optional() }).optional(),
  conditions: z.array(ConditionSchema).optional(),
});
/** What {@link ServiceStatusSchema} parses to, inferred from it so the shape is written once. */
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/**
 * A Service object. Its spec may be omitted in a manifest (the server defaults it).
 */
export const ServiceSchema = kobject({
  apiVersion: z.enum(SERVICE_API_VERSIONS),
  kind: z.literal("Service"),
  metadata: ObjectMetaSchema,
  spec: ServiceSpecSchema.optional(),
  status: ServiceStatusSchema.optional(),
});
/** What {@link ServiceSchema} parses to, inferred from it so the shape is written once. */
export type Service = z.infer<typeof ServiceSchema>;
