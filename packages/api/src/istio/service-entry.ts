/**
 * Istio's ServiceEntry (networking.istio.io): adds a service to the mesh's registry
 * (external APIs, VMs), with hosts, ports, resolution and endpoints.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject } from "../schema-kit.js";
import { ISTIO_NETWORKING_API_VERSIONS, istioStatusShape, WorkloadSelectorSchema } from "./common.js";
import { WorkloadEntrySpecSchema } from "./workload-entry.js";

/**
 * A port of a ServiceEntry: number, name, protocol and target port.
 */
export const IstioServicePortSchema = kobject({
  number: int.optional(),
  protocol: z.string().optional(),
  name: z.string().optional(),
  targetPort: int.optional(),
});
/** What {@link IstioServicePortSchema} parses to, inferred from it so the shape is written once. */
export type IstioServicePort = z.infer<typeof IstioServicePortSchema>;

/**
 * The spec of a ServiceEntry. `location` is
 * MESH_EXTERNAL or MESH_INTERNAL, `resolution` NONE, STATIC, DNS, DNS_ROUND_ROBIN or
 * DYNAMIC_DNS.
 */
export const ServiceEntrySpecSchema = kobject({
  hosts: z.array(z.string()).optional(),
  addresses: z.array(z.string()).optional(),
  ports: z.array(IstioServicePortSchema).optional(),
  location: z.string().optional(),
  resolution: z.string().optional(),
  endpoints: z.array(WorkloadEntrySpecSchema).optional(),
  workloadSelector: WorkloadSelectorSchema.optional(),
  exportTo: z.array(z.string()).optional(),
  subjectAltNames: z.array(z.string()).optional(),
});
/** What {@link ServiceEntrySpecSchema} parses to, inferred from it so the shape is written once. */
export type ServiceEntrySpec = z.infer<typeof ServiceEntrySpecSchema>;

/**
 * The status of a ServiceEntry: the Istio status plus the addresses Istio allocated to
 * its hosts.
 */
export const ServiceEntryStatusSchema = kobject({
  ...istioStatusShape,
  addresses: z.array(kobject({ value: z.string().optional(), host: z.string().optional() })).optional(),
});
/** What {@link ServiceEntryStatusSchema} parses to, inferred from it so the shape is written once. */
export type ServiceEntryStatus = z.infer<typeof ServiceEntryStatusSchema>;

/**
 * A ServiceEntry object.
 */
export const ServiceEntrySchema = kobject({
  apiVersion: z.enum(ISTIO_NETWORKING_API_VERSIONS),
  kind: z.literal("ServiceEntry"),
  metadata: ObjectMetaSchema,
  spec: ServiceEntrySpecSchema.optional(),
  status: ServiceEntryStatusSchema.optional(),
});
/** What {@link ServiceEntrySchema} parses to, inferred from it so the shape is written once. */
export type ServiceEntry = z.infer<typeof ServiceEntrySchema>;
