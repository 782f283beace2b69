/**
 * The reasons a policy's ancestor status gives (BackendTLSPolicy, XBackendTrafficPolicy,
 * and XBackend, which Istio reports in the same form), a union per condition type.
 *
 * Values are the Gateway API's, from its Go types (kubernetes-sigs/gateway-api at
 * 4564255ac2c35d582249b3cdf261bdf51c8bca32): apis/v1/policy_types.go
 * (PolicyConditionReason) and apis/v1/backendtlspolicy_types.go (the BackendTLSPolicy
 * reasons). The spec lets controllers raise other reasons; Istio's own are listed apart.
 */
import type { TypedCondition } from "./conditions.js";

/**
 * Reasons of a policy ancestor's `Accepted` condition. NoValidCACertificate is
 * BackendTLSPolicy's; IgnoredByIstio is Istio's, for a policy annotated
 * `istio.io/ignore-policy-attachment`.
 */
export type PolicyAcceptedReason = "Accepted" | "Conflicted" | "Invalid" | "TargetNotFound" | "NoValidCACertificate" | "IgnoredByIstio";

/** Reasons of a BackendTLSPolicy ancestor's `ResolvedRefs` condition. */
export type PolicyResolvedRefsReason = "ResolvedRefs" | "InvalidCACertificateRef" | "InvalidKind";

/** A condition of a policy ancestor's status, its reason checked against its type. */
export type PolicyCondition = TypedCondition<"Accepted", PolicyAcceptedReason> | TypedCondition<"ResolvedRefs", PolicyResolvedRefsReason>;
