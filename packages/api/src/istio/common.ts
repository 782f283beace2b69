/**
 * Shapes shared by the Istio networking kinds (networking.istio.io): string matches,
 * destinations, port selectors, percentages, workload selectors and the Istio status.
 * Field names are the protobuf JSON (camelCase) names of istio/api's protos.
 *
 * Every Istio field is optional here, even those the protos mark REQUIRED: these are
 * proto3 messages, whose JSON form omits a field at its default ("" or []), and Istio's
 * own translator writes such objects (a route to `destination: {}` when a backend is
 * invalid). Types are still checked wherever a field is present.
 */
import { z } from "zod";
import { int, int64OrString, kobject, stringMap, timestamp } from "../schema-kit.js";

/** The API group of the Istio networking kinds. */
export const ISTIO_NETWORKING_GROUP = "networking.istio.io";

/**
 * The apiVersions every Istio networking kind modelled here is served under: v1 is
 * current, v1beta1 and v1alpha3 carry the same schema.
 */
export const ISTIO_NETWORKING_API_VERSIONS = [
  "networking.istio.io/v1",
  "networking.istio.io/v1beta1",
  "networking.istio.io/v1alpha3",
] as const;

/**
 * A string match: one of exact, prefix or regex (a protobuf oneof; the schema does not
 * enforce that only one is set).
 */
export const StringMatchSchema = kobject({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
/** What {@link StringMatchSchema} parses to, inferred from it so the shape is written once. */
export type StringMatch = z.infer<typeof StringMatchSchema>;

/**
 * A port chosen by number.
 */
export const PortSelectorSchema = kobject({ number: int.optional() });
/** What {@link PortSelectorSchema} parses to, inferred from it so the shape is written once. */
export type PortSelector = z.infer<typeof PortSelectorSchema>;

/**
 * A percentage as a double in [0, 100].
 */
export const PercentSchema = kobject({ value: z.number().optional() });
/** What {@link PercentSchema} parses to, inferred from it so the shape is written once. */
export type Percent = z.infer<typeof PercentSchema>;

/**
 * A traffic destination: a service host, an optional subset and port.
 */
export const DestinationSchema = kobject({
  host: z.string().optional(),
  subset: z.string().optional(),
  port: PortSelectorSchema.optional(),
});
/** What {@link DestinationSchema} parses to, inferred from it so the shape is written once. */
export type Destination = z.infer<typeof DestinationSchema>;

/**
 * Selection of workloads by labels in the `matchLabels` form (istio.type.v1beta1), as
 * DestinationRule uses it.
 */
export const WorkloadMatchSelectorSchema = kobject({ matchLabels: stringMap.optional() });
/** What {@link WorkloadMatchSelectorSchema} parses to, inferred from it so the shape is written once. */
export type WorkloadMatchSelector = z.infer<typeof WorkloadMatchSelectorSchema>;

/**
 * Selection of workloads by labels in the `labels` form (networking v1alpha3), as
 * ServiceEntry uses it.
 */
export const WorkloadSelectorSchema = kobject({ labels: stringMap.optional() });
/** What {@link WorkloadSelectorSchema} parses to, inferred from it so the shape is written once. */
export type WorkloadSelector = z.infer<typeof WorkloadSelectorSchema>;

/**
 * One condition of an Istio status. Unlike metav1.Condition, every field is optional.
 */
export const IstioConditionSchema = kobject({
  type: z.string().optional(),
  status: z.string().optional(),
  lastProbeTime: timestamp.optional(),
  lastTransitionTime: timestamp.optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  observedGeneration: int64OrString.optional(),
});
/** What {@link IstioConditionSchema} parses to, inferred from it so the shape is written once. */
export type IstioCondition = z.infer<typeof IstioConditionSchema>;

/** The fields of the Istio status, for the kinds that extend it. */
export const istioStatusShape = {
  conditions: z.array(IstioConditionSchema).optional(),
  validationMessages: z.array(kobject({})).optional(),
  observedGeneration: int64OrString.optional(),
};

/**
 * The status Istio writes on its own resources (conditions and analysis messages).
 */
export const IstioStatusSchema = kobject(istioStatusShape);
/** What {@link IstioStatusSchema} parses to, inferred from it so the shape is written once. */
export type IstioStatus = z.infer<typeof IstioStatusSchema>;
