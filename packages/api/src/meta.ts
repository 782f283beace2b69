/**
 * The metadata every Kubernetes object carries and the few shapes that every API group
 * shares (conditions, label selectors, owner references). They live here so that a
 * Gateway, a VirtualService and a Pod agree on what `metadata` is.
 */
import { z } from "zod";
import { annotationMap, labelMap, namespaceName, objectName } from "./name-limits.js";
import { int, kobject, stringMap, timestamp } from "./schema-kit.js";

/**
 * A reference from an object to its owner. Controllers read it to tell the objects they
 * generated (shadow Services, deployments) from the ones users wrote.
 */
export const OwnerReferenceSchema = kobject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});
/** What {@link OwnerReferenceSchema} parses to, inferred from it so the shape is written once. */
export type OwnerReference = z.infer<typeof OwnerReferenceSchema>;

/**
 * Standard object metadata. `name` is required and non-empty because every object is
 * keyed by namespace and name downstream; `generateName`-only manifests cannot be keyed
 * and are reported. Names, namespaces, labels and annotations are held to the API
 * server's size limits (see name-limits.ts). Everything the server writes (uid, resourceVersion, managedFields)
 * is accepted so objects read from a cluster parse too.
 */
export const ObjectMetaSchema = kobject({
  name: objectName,
  generateName: z.string().optional(),
  namespace: namespaceName.optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: int.optional(),
  creationTimestamp: timestamp.optional(),
  deletionTimestamp: timestamp.optional(),
  deletionGracePeriodSeconds: int.optional(),
  labels: labelMap.optional(),
  annotations: annotationMap.optional(),
  ownerReferences: z.array(OwnerReferenceSchema).optional(),
  finalizers: z.array(z.string()).optional(),
  managedFields: z.array(kobject({})).optional(),
});
/** What {@link ObjectMetaSchema} parses to, inferred from it so the shape is written once. */
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;

/**
 * A status condition (metav1.Condition). The fields the API marks required are required
 * here too: statuses are outputs of the translators, and a condition without a reason or
 * a transition time would be rejected by the API server when written.
 */
export const ConditionSchema = kobject({
  type: z.string(),
  status: z.string(),
  observedGeneration: int.optional(),
  lastTransitionTime: timestamp,
  reason: z.string(),
  message: z.string(),
});
/** What {@link ConditionSchema} parses to, inferred from it so the shape is written once. */
export type Condition = z.infer<typeof ConditionSchema>;

/**
 * One requirement of a label selector (`key In [a, b]`, `key Exists`, ...).
 */
export const LabelSelectorRequirementSchema = kobject({
  key: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
});
/** What {@link LabelSelectorRequirementSchema} parses to, inferred from it so the shape is written once. */
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirementSchema>;

/**
 * A label selector (metav1.LabelSelector), used by Gateway API namespace selectors and
 * InferencePools. An empty selector matches everything; that rule belongs to whoever
 * evaluates it, not to the schema.
 */
export const LabelSelectorSchema = kobject({
  matchLabels: stringMap.optional(),
  matchExpressions: z.array(LabelSelectorRequirementSchema).optional(),
});
/** What {@link LabelSelectorSchema} parses to, inferred from it so the shape is written once. */
export type LabelSelector = z.infer<typeof LabelSelectorSchema>;

/**
 * A reference to another object by kind and name (core v1 ObjectReference), as an
 * EndpointSlice endpoint points at its Pod.
 */
export const ObjectReferenceSchema = kobject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  fieldPath: z.string().optional(),
});
/** What {@link ObjectReferenceSchema} parses to, inferred from it so the shape is written once. */
export type ObjectReference = z.infer<typeof ObjectReferenceSchema>;
