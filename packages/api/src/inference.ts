/**
 * InferencePool of the Gateway API Inference Extension: a pool of model-serving Pods
 * (by label selector and target ports) fronted by an endpoint picker. The v1 kind lives in
 * inference.networking.k8s.io; the earlier v1alpha2 kind, in
 * inference.networking.x-k8s.io, has a different spec and is modelled separately.
 */
import { z } from "zod";
import { ConditionSchema, ObjectMetaSchema } from "./meta.js";
import { int, kobject, stringMap } from "./schema-kit.js";

/** The API group of the v1 InferencePool. */
export const INFERENCE_GROUP = "inference.networking.k8s.io";
/** The API group of the v1alpha2 InferencePool. */
export const INFERENCE_X_GROUP = "inference.networking.x-k8s.io";

/** The apiVersions of the v1 InferencePool. */
export const INFERENCE_POOL_API_VERSIONS = ["inference.networking.k8s.io/v1"] as const;
/** The apiVersions of the v1alpha2 InferencePool. */
export const INFERENCE_POOL_V1ALPHA2_API_VERSIONS = ["inference.networking.x-k8s.io/v1alpha2"] as const;

/**
 * A port of an InferencePool (the model servers' target port, or the picker's port).
 */
export const InferencePoolPortSchema = kobject({ number: int });
/** What {@link InferencePoolPortSchema} parses to, inferred from it so the shape is written once. */
export type InferencePoolPort = z.infer<typeof InferencePoolPortSchema>;

/**
 * The endpoint picker extension a pool's traffic is sent through, and what to do when it
 * fails (FailOpen or FailClose).
 */
export const EndpointPickerRefSchema = kobject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  port: InferencePoolPortSchema.optional(),
  failureMode: z.string().optional(),
});
/** What {@link EndpointPickerRefSchema} parses to, inferred from it so the shape is written once. */
export type EndpointPickerRef = z.infer<typeof EndpointPickerRefSchema>;

/**
 * The spec of a v1 InferencePool. The selector has only `matchLabels` in this API; the
 * selector and the target ports are required.
 */
export const InferencePoolSpecSchema = kobject({
  selector: kobject({ matchLabels: stringMap }),
  targetPorts: z.array(InferencePoolPortSchema),
  appProtocol: z.string().optional(),
  endpointPickerRef: EndpointPickerRefSchema.optional(),
});
/** What {@link InferencePoolSpecSchema} parses to, inferred from it so the shape is written once. */
export type InferencePoolSpec = z.infer<typeof InferencePoolSpecSchema>;

/**
 * The status a controller writes for one parent (Gateway) of a pool.
 */
export const InferencePoolParentStatusSchema = kobject({
  conditions: z.array(ConditionSchema).optional(),
  parentRef: kobject({
    group: z.string().optional(),
    kind: z.string().optional(),
    name: z.string(),
    namespace: z.string().optional(),
  }),
  controllerName: z.string().optional(),
});
/** What {@link InferencePoolParentStatusSchema} parses to, inferred from it so the shape is written once. */
export type InferencePoolParentStatus = z.infer<typeof InferencePoolParentStatusSchema>;

/**
 * The status of a v1 InferencePool: one entry per parent.
 */
export const InferencePoolStatusSchema = kobject({
  parents: z.array(InferencePoolParentStatusSchema).optional(),
});
/** What {@link InferencePoolStatusSchema} parses to, inferred from it so the shape is written once. */
export type InferencePoolStatus = z.infer<typeof InferencePoolStatusSchema>;

/**
 * A v1 InferencePool object.
 */
export const InferencePoolSchema = kobject({
  apiVersion: z.enum(INFERENCE_POOL_API_VERSIONS),
  kind: z.literal("InferencePool"),
  metadata: ObjectMetaSchema,
  spec: InferencePoolSpecSchema,
  status: InferencePoolStatusSchema.optional(),
});
/** What {@link InferencePoolSchema} parses to, inferred from it so the shape is written once. */
export type InferencePool = z.infer<typeof InferencePoolSchema>;

/**
 * The spec of a v1alpha2 InferencePool: a plain label map as selector, one target port
 * number, and an `extensionRef` to the endpoint picker.
 */
export const InferencePoolV1Alpha2SpecSchema = kobject({
  selector: stringMap,
  targetPortNumber: int,
  extensionRef: kobject({
    group: z.string().optional(),
    kind: z.string().optional(),
    name: z.string(),
    portNumber: int.optional(),
    failureMode: z.string().optional(),
  }).optional(),
});
/** What {@link InferencePoolV1Alpha2SpecSchema} parses to, inferred from it so the shape is written once. */
export type InferencePoolV1Alpha2Spec = z.infer<typeof InferencePoolV1Alpha2SpecSchema>;

/**
 * The status of a v1alpha2 InferencePool. Its JSON field is `parent` (singular) and each
 * entry's reference `parentRef`, as that API spelled them.
 */
export const InferencePoolV1Alpha2StatusSchema = kobject({
  parent: z
    .array(
      kobject({
        parentRef: kobject({
          group: z.string().optional(),
          kind: z.string().optional(),
          name: z.string(),
          namespace: z.string().optional(),
        }),
        conditions: z.array(ConditionSchema).optional(),
      }),
    )
    .optional(),
});
/** What {@link InferencePoolV1Alpha2StatusSchema} parses to, inferred from it so the shape is written once. */
export type InferencePoolV1Alpha2Status = z.infer<typeof InferencePoolV1Alpha2StatusSchema>;

/**
 * A v1alpha2 InferencePool object (inference.networking.x-k8s.io).
 */
export const InferencePoolV1Alpha2Schema = kobject({
  apiVersion: z.enum(INFERENCE_POOL_V1ALPHA2_API_VERSIONS),
  kind: z.literal("InferencePool"),
  metadata: ObjectMetaSchema,
  spec: InferencePoolV1Alpha2SpecSchema,
  status: InferencePoolV1Alpha2StatusSchema.optional(),
});
/** What {@link InferencePoolV1Alpha2Schema} parses to, inferred from it so the shape is written once. */
export type InferencePoolV1Alpha2 = z.infer<typeof InferencePoolV1Alpha2Schema>;
