/**
 * The core v1 Pod, as a control plane reads it: identity (service account, node),
 * container ports, and addresses and readiness from the status. Only those parts are
 * typed; the rest of the spec (volumes, probes, resources, affinity...) is kept
 * untyped, since nothing here interprets it.
 */
import { z } from "zod";
import { ObjectMetaSchema } from "../meta.js";
import { int, kobject, stringMap, timestamp } from "../schema-kit.js";

/** The apiVersions a Pod is accepted under. */
export const POD_API_VERSIONS = ["v1"] as const;

/**
 * A port a container exposes.
 */
export const ContainerPortSchema = kobject({
  name: z.string().optional(),
  hostPort: int.optional(),
  containerPort: int,
  protocol: z.string().optional(),
  hostIP: z.string().optional(),
});
/** What {@link ContainerPortSchema} parses to, inferred from it so the shape is written once. */
export type ContainerPort = z.infer<typeof ContainerPortSchema>;

/**
 * A container, typed as far as its name, image, command and ports.
 */
export const ContainerSchema = kobject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z.array(ContainerPortSchema).optional(),
});
/** What {@link ContainerSchema} parses to, inferred from it so the shape is written once. */
export type Container = z.infer<typeof ContainerSchema>;

/**
 * The typed part of a Pod spec.
 */
export const PodSpecSchema = kobject({
  containers: z.array(ContainerSchema),
  initContainers: z.array(ContainerSchema).optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  nodeName: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  nodeSelector: stringMap.optional(),
  restartPolicy: z.string().optional(),
  schedulerName: z.string().optional(),
  priorityClassName: z.string().optional(),
});
/** What {@link PodSpecSchema} parses to, inferred from it so the shape is written once. */
export type PodSpec = z.infer<typeof PodSpecSchema>;

/**
 * A Pod condition (Ready, PodScheduled, ...).
 */
export const PodConditionSchema = kobject({
  type: z.string(),
  status: z.string(),
  observedGeneration: int.optional(),
  lastProbeTime: timestamp.optional(),
  lastTransitionTime: timestamp.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});
/** What {@link PodConditionSchema} parses to, inferred from it so the shape is written once. */
export type PodCondition = z.infer<typeof PodConditionSchema>;

/**
 * The typed part of a Pod status: phase, conditions and addresses. Container statuses
 * are kept untyped.
 */
export const PodStatusSchema = kobject({
  observedGeneration: int.optional(),
  phase: z.string().optional(),
  conditions: z.array(PodConditionSchema).optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  nominatedNodeName: z.string().optional(),
  hostIP: z.string().optional(),
  hostIPs: z.array(kobject({ ip: z.string() })).optional(),
  podIP: z.string().optional(),
  podIPs: z.array(kobject({ ip: z.string() })).optional(),
  startTime: timestamp.optional(),
  qosClass: z.string().optional(),
});
/** What {@link PodStatusSchema} parses to, inferred from it so the shape is written once. */
export type PodStatus = z.infer<typeof PodStatusSchema>;

/**
 * A Pod object.
 */
export const PodSchema = kobject({
  apiVersion: z.enum(POD_API_VERSIONS),
  kind: z.literal("Pod"),
  metadata: ObjectMetaSchema,
  spec: PodSpecSchema.optional(),
  status: PodStatusSchema.optional(),
});
/** What {@link PodSchema} parses to, inferred from it so the shape is written once. */
export type Pod = z.infer<typeof PodSchema>;
