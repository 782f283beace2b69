/**
 * Redirects and direct responses: routes Envoy answers itself.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { RedirectAction_RedirectResponseCode, type DirectResponseActionSchema, type RedirectActionSchema } from "../gen/envoy/config/route/v3/route_components_pb.js";
import type { HTTPRedirectInput } from "../model.js";

const RESPONSE_CODES: ReadonlyMap<number, RedirectAction_RedirectResponseCode> = new Map([
  [301, RedirectAction_RedirectResponseCode.MOVED_PERMANENTLY],
  [302, RedirectAction_RedirectResponseCode.FOUND],
  [303, RedirectAction_RedirectResponseCode.SEE_OTHER],
  [307, RedirectAction_RedirectResponseCode.TEMPORARY_REDIRECT],
  [308, RedirectAction_RedirectResponseCode.PERMANENT_REDIRECT],
]);

/**
 * The redirect action, or undefined for a status code Envoy cannot send (the route is
 * then left without an action, as Istio does, and answers 404).
 *
 * @param listenPort the port the route serves: "derive the port from the request" is
 *   that port, since routes are built per port.
 */
export function redirectAction(redirect: HTTPRedirectInput, listenPort: number, isTls: boolean): MessageInitShape<typeof RedirectActionSchema> | undefined {
  const code = RESPONSE_CODES.get(redirect.redirectCode ?? 301);
  if (code === undefined) return undefined;
  const out: MessageInitShape<typeof RedirectActionSchema> = { hostRedirect: redirect.authority ?? "", responseCode: code };
  out.pathRewriteSpecifier = redirect.prefixRewrite ? { case: "prefixRewrite", value: redirect.prefixRewrite } : { case: "pathRedirect", value: redirect.uri ?? "" };
  if (redirect.scheme) out.schemeRewriteSpecifier = { case: "schemeRedirect", value: redirect.scheme };
  const portGiven = redirect.port !== undefined;
  if (portGiven || redirect.derivePort !== undefined) {
    let port = portGiven ? (redirect.port ?? 0) : redirect.derivePort === "FROM_REQUEST_PORT" ? listenPort : 0;
    const scheme = redirect.scheme || (isTls ? "https" : "http");
    // The scheme's default port is implied, and writing it would put it into Location.
    if ((port === 80 && scheme === "http") || (port === 443 && scheme === "https")) port = 0;
    if (port !== 0) out.portRedirect = port;
  }
  return out;
}

export function directResponseAction(response: { status?: number; body?: { string?: string; bytes?: string } }): MessageInitShape<typeof DirectResponseActionSchema> {
  const out: MessageInitShape<typeof DirectResponseActionSchema> = { status: response.status ?? 0 };
  if (response.body?.string !== undefined) out.body = { specifier: { case: "inlineString", value: response.body.string } };
  else if (response.body?.bytes !== undefined) out.body = { specifier: { case: "inlineBytes", value: Buffer.from(response.body.bytes, "base64") } };
  return out;
}
