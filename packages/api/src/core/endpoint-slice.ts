/**
 * The EndpointSlice (discovery.k8s.io/v1): a Service's endpoints, with their addresses,
 * readiness, topology and ports. The mesh's endpoint index is built from these.
 */
import { z } from "zod";
import { ObjectMetaSchema, ObjectReferenceSchema } from "../meta.js";
import { int, kobject, stringMap } from "../schema-kit.js";

/** The API group of EndpointSlice. */
export const DISCOVERY_GROUP = "discovery.k8s.io";

/** The apiVersions an EndpointSlice is accepted under. */
export const ENDPOINT_SLICE_API_VERSIONS = ["discovery.k8s.io/v1"] as const;

/**
 * The readiness of an endpoint. Absent `ready` means ready, unless terminating; that
 * rule belongs to the reader.
 */
export const EndpointConditionsSchema = kobject({
  ready: z.boolean().optional(),
  serving: z.boolean().optional(),
  terminating: z.boolean().optional(),
});
/** What {@link EndpointConditionsSchema} parses to, inferred from it so the shape is written once. */
export type EndpointConditions = z.infer<typeof EndpointConditionsSchema>;

/**
 * One endpoint: its addresses, readiness, the object behind it and its topology.
 */
export const EndpointSchema = kobject({
  addresses: z.array(z.string()),
  conditions: EndpointConditionsSchema.optional(),
  hostname: z.string().optional(),
  targetRef: ObjectReferenceSchema.optional(),
  deprecatedTopology: stringMap.optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  hints: kobject({
    forZones: z.array(kobject({ name: z.string() })).optional(),
    forNodes: z.array(kobject({ name: z.string() })).optional(),
  }).optional(),
});
/** What {@link EndpointSchema} parses to, inferred from it so the shape is written once. */
export type Endpoint = z.infer<typeof EndpointSchema>;

/**
 * A port of an EndpointSlice. Every field is optional: an absent port means "all ports".
 */
export const EndpointPortSchema = kobject({
  name: z.string().optional(),
  protocol: z.string().optional(),
  port: int.optional(),
  appProtocol: z.string().optional(),
});
/** What {@link EndpointPortSchema} parses to, inferred from it so the shape is written once. */
export type EndpointPort = z.infer<typeof EndpointPortSchema>;

/**
 * An EndpointSlice object. The API requires `addressType` and `endpoints`; `ports` may
 * be absent.
 */
export const EndpointSliceSchema = kobject({
  apiVersion: z.enum(ENDPOINT_SLICE_API_VERSIONS),
  kind: z.literal("EndpointSlice"),
  metadata: ObjectMetaSchema,
  addressType: z.string(),
  endpoints: z.array(EndpointSchema),
  ports: z.array(EndpointPortSchema).optional(),
});
/** What {@link EndpointSliceSchema} parses to, inferred from it so the shape is written once. */
export type EndpointSlice = z.infer<typeof EndpointSliceSchema>;

