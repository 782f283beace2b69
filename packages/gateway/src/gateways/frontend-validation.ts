/**
 * Frontend (client) certificate validation of a Gateway: `tls.frontend.perPort` for a
 * listener's port when there is an entry for it, else `tls.frontend.default`. Mode
 * `AllowInsecureFallback` asks for a client certificate without requiring one (Istio's
 * OPTIONAL_MUTUAL), and while any port uses it the Gateway says so in its
 * `InsecureFrontendValidationMode` condition.
 */
import type { GatewayCondition, SecretObjectReference } from "@weft/api";
import { records } from "../model/lists.js";
import type { Gateway } from "../model/resources.js";

export const INSECURE_FALLBACK = "AllowInsecureFallback";

export interface FrontendSettings {
  /** The CA references client certificates are checked against (none: no validation). */
  caCertificateRefs: readonly SecretObjectReference[];
  /** Whether a connection without a valid client certificate is still accepted. */
  insecureFallback: boolean;
}

type Validation = { caCertificateRefs?: readonly SecretObjectReference[] | null; mode?: string | null } | undefined | null;

function settings(validation: Validation): FrontendSettings {
  return { caCertificateRefs: records(validation?.caCertificateRefs ?? undefined), insecureFallback: validation?.mode === INSECURE_FALLBACK };
}

/** The validation that applies to listeners on `port`. */
export function frontendValidationFor(gateway: Gateway, port: number): FrontendSettings {
  const frontend = gateway.spec?.tls?.frontend;
  const perPort = records(frontend?.perPort).find((p) => p.port === port);
  return settings(perPort !== undefined ? perPort.tls?.validation : frontend?.default?.validation);
}

/** The Gateway's InsecureFrontendValidationMode condition, when the default or a port override allows the fallback. */
export function insecureFrontendCondition(gateway: Gateway): GatewayCondition | undefined {
  const frontend = gateway.spec?.tls?.frontend;
  const ports = records(frontend?.perPort).filter((p) => p.tls?.validation?.mode === INSECURE_FALLBACK).map((p) => p.port);
  const byDefault = frontend?.default?.validation?.mode === INSECURE_FALLBACK;
  if (!byDefault && ports.length === 0) return undefined;
  const where = [...(byDefault ? ["by default"] : []), ...(ports.length > 0 ? [`on port(s) ${ports.join(", ")}`] : [])].join(" and ");
  return {
    type: "InsecureFrontendValidationMode",
    status: "True",
    reason: "ConfigurationChanged",
    message: `Frontend TLS validation mode is ${INSECURE_FALLBACK} ${where}: clients without a valid certificate are accepted`,
  };
}
