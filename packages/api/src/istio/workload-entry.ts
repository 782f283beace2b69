/**
 * Istio's WorkloadEntry (networking.istio.io): a workload outside Kubernetes (a VM, an
 * external endpoint) with an address, ports, labels and locality. The same shape is
 * inlined as the endpoints of a ServiceEntry.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject, record, stringMap } from "../schema-kit.js";
import { ISTIO_NETWORKING_API_VERSIONS, IstioStatusSchema } from "./common.js";

/**
 * The spec of a WorkloadEntry: address (IP, hostname or Unix socket), ports by port
 * name, labels, network, locality, load-balancing weight and service account.
 */
export const WorkloadEntrySpecSchema = kobject({
  address: z.string().optional(),
  ports: record(int).optional(),
  labels: stringMap.optional(),
  network: z.string().optional(),
  locality: z.string().optional(),
  weight: int.optional(),
  serviceAccount: z.string().optional(),
});
/** What {@link WorkloadEntrySpecSchema} parses to, inferred from it so the shape is written once. */
export type WorkloadEntrySpec = z.infer<typeof WorkloadEntrySpecSchema>;

/**
 * A WorkloadEntry object.
 */
export const WorkloadEntrySchema = kobject({
  apiVersion: z.enum(ISTIO_NETWORKING_API_VERSIONS),
  kind: z.literal("WorkloadEntry"),
  metadata: ObjectMetaSchema,
  spec: WorkloadEntrySpecSchema.optional(),
  status: IstioStatusSchema.optional(),
});
/** What {@link WorkloadEntrySchema} parses to, inferred from it so the shape is written once. */
export type WorkloadEntry = z.infer<typeof WorkloadEntrySchema>;
