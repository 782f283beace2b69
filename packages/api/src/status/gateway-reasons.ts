/**
 * The reasons GatewayClass, Gateway, listener and ListenerSet conditions give, a union
 * per condition type, so a reason written for one condition cannot be given to
 * another and a misspelt one does not compile.
 *
 * Values are the Gateway API's, from its Go types (kubernetes-sigs/gateway-api at
 * 4564255ac2c35d582249b3cdf261bdf51c8bca32): apis/v1/gatewayclass_types.go
 * (GatewayClassConditionReason), apis/v1/gateway_types.go (GatewayConditionReason,
 * ListenerConditionReason) and apis/v1/listenerset_types.go (ListenerSetConditionReason).
 * The spec lets controllers raise other reasons; the few Istio gives beyond the spec's
 * are listed apart, each saying where Istio gives it.
 */
import type { TypedCondition } from "./conditions.js";

/** Reasons of a GatewayClass's `Accepted` condition. */
export type GatewayClassAcceptedReason = "Accepted" | "InvalidParameters" | "Pending" | "Unsupported" | "Waiting";

/** Reasons of a GatewayClass's `SupportedVersion` condition. */
export type GatewayClassSupportedVersionReason = "SupportedVersion" | "UnsupportedVersion";

/** A condition of a GatewayClass's status, its reason checked against its type. */
export type GatewayClassCondition = TypedCondition<"Accepted", GatewayClassAcceptedReason> | TypedCondition<"SupportedVersion", GatewayClassSupportedVersionReason>;

/** Reasons of a Gateway's `Accepted` condition. */
export type GatewayAcceptedReason = "Accepted" | "ListenersNotValid" | "Pending" | "UnsupportedAddress" | "InvalidParameters";

/**
 * Reasons of a Gateway's `Programmed` condition. Istio also gives UnsupportedAddress,
 * with Accepted, when the Gateway asks for addresses it cannot assign.
 */
export type GatewayProgrammedReason = "Programmed" | "Invalid" | "NoResources" | "AddressNotAssigned" | "AddressNotUsable" | "Pending" | "UnsupportedAddress";

/** Reasons of a Gateway's `ResolvedRefs` condition (its own references, such as the backend client certificate). */
export type GatewayResolvedRefsReason = "ResolvedRefs" | "InvalidClientCertificateRef" | "RefNotPermitted" | "ListenersNotResolved";

/** Reasons of a Gateway's `InsecureFrontendValidationMode` condition. */
export type GatewayInsecureFrontendValidationModeReason = "ConfigurationChanged";

/** A condition of a Gateway's status, its reason checked against its type. */
export type GatewayCondition =
  | TypedCondition<"Accepted", GatewayAcceptedReason>
  | TypedCondition<"Programmed", GatewayProgrammedReason>
  | TypedCondition<"ResolvedRefs", GatewayResolvedRefsReason>
  | TypedCondition<"InsecureFrontendValidationMode", GatewayInsecureFrontendValidationModeReason>;

/** Why a listener lost to another on the same port (the `Conflicted` reasons but NoConflicts). */
export type ListenerConflictReason = "HostnameConflict" | "ProtocolConflict";

/** Reasons of a listener's `Conflicted` condition. */
export type ListenerConflictedReason = ListenerConflictReason | "NoConflicts";

/**
 * Reasons of a listener's `Accepted` condition. Istio gives a listener that lost a
 * conflict its conflict reason on Accepted too.
 */
export type ListenerAcceptedReason = "Accepted" | "PortUnavailable" | "UnsupportedProtocol" | "NoValidCACertificate" | "UnsupportedValue" | "Pending" | ListenerConflictReason;

/** Reasons of a listener's `ResolvedRefs` condition. */
export type ListenerResolvedRefsReason = "ResolvedRefs" | "InvalidCertificateRef" | "InvalidRouteKinds" | "RefNotPermitted" | "InvalidCACertificateRef" | "InvalidCACertificateKind";

/**
 * Reasons of a listener's `Programmed` condition. Istio gives a listener that lost a
 * conflict its conflict reason on Programmed too.
 */
export type ListenerProgrammedReason = "Programmed" | "Invalid" | "Pending" | ListenerConflictReason;

/**
 * A condition of a listener's status (a Gateway's listener, or a ListenerSet's, which
 * Weft models alike), its reason checked against its type.
 */
export type ListenerCondition =
  | TypedCondition<"Accepted", ListenerAcceptedReason>
  | TypedCondition<"Conflicted", ListenerConflictedReason>
  | TypedCondition<"ResolvedRefs", ListenerResolvedRefsReason>
  | TypedCondition<"Programmed", ListenerProgrammedReason>;

/**
 * Reasons of a ListenerSet's `Accepted` condition. Istio also gives UnsupportedAddress
 * when the parent Gateway asks for addresses it cannot assign.
 */
export type ListenerSetAcceptedReason = "Accepted" | "NotAllowed" | "ParentNotAccepted" | "ListenersNotValid" | "Invalid" | "Pending" | "UnsupportedAddress";

/**
 * Reasons of a ListenerSet's `Programmed` condition. Istio gives a set rejected as a
 * whole the same reason on Programmed as on Accepted (NotAllowed, UnsupportedAddress),
 * and a set's address assignment the Gateway's reasons (AddressNotAssigned,
 * AddressNotUsable).
 */
export type ListenerSetProgrammedReason =
  | "Programmed"
  | "Invalid"
  | "ParentNotProgrammed"
  | "ListenersNotValid"
  | "PortUnavailable"
  | "Pending"
  | "NotAllowed"
  | "UnsupportedAddress"
  | "AddressNotAssigned"
  | "AddressNotUsable";

/** A condition of a ListenerSet's status, its reason checked against its type. */
export type ListenerSetCondition = TypedCondition<"Accepted", ListenerSetAcceptedReason> | TypedCondition<"Programmed", ListenerSetProgrammedReason>;
