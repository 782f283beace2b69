/**
 * The reasons an InferencePool's parent status gives, a union per condition type.
 *
 * Values are the Inference Extension's, from its Go types
 * (kubernetes-sigs/gateway-api-inference-extension at
 * 84436a96b9e6ce2b59ddacd3d04c31b4fbd442de): api/v1/inferencepool_types.go
 * (InferencePoolReason).
 */
import type { TypedCondition } from "./conditions.js";

/** Reasons of an InferencePool parent's `Accepted` condition. */
export type InferencePoolAcceptedReason = "Accepted" | "NotSupportedByParent" | "HTTPRouteNotAccepted" | "EndpointPickerRefMissing" | "Pending";

/** Reasons of an InferencePool parent's `ResolvedRefs` condition. */
export type InferencePoolResolvedRefsReason = "ResolvedRefs" | "InvalidExtensionRef";

/** Reasons of an InferencePool parent's `Exported` condition. */
export type InferencePoolExportedReason = "Exported" | "NotRequested" | "NotSupported";

/** A condition of an InferencePool parent's status, its reason checked against its type. */
export type InferencePoolCondition =
  | TypedCondition<"Accepted", InferencePoolAcceptedReason>
  | TypedCondition<"ResolvedRefs", InferencePoolResolvedRefsReason>
  | TypedCondition<"Exported", InferencePoolExportedReason>;
