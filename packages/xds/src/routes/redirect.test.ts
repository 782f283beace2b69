import { describe, expect, test } from "vitest";
import { RedirectAction_RedirectResponseCode } from "../gen/envoy/config/route/v3/route_components_pb.js";
import { directResponseAction, redirectAction } from "./redirect.js";

describe("redirects", () => {
  test("status codes map to Envoy's; 301 when none is given", () => {
    expect(redirectAction({ uri: "/x" }, 80, false)?.responseCode).toBe(RedirectAction_RedirectResponseCode.MOVED_PERMANENTLY);
    expect(redirectAction({ uri: "/x", redirectCode: 302 }, 80, false)?.responseCode).toBe(RedirectAction_RedirectResponseCode.FOUND);
    expect(redirectAction({ uri: "/x", redirectCode: 308 }, 80, false)?.responseCode).toBe(RedirectAction_RedirectResponseCode.PERMANENT_REDIRECT);
  });

  test("a status code Envoy cannot send gives no action", () => {
    expect(redirectAction({ redirectCode: 305 }, 80, false)).toBeUndefined();
  });

  test("the scheme's default port is left implicit", () => {
    expect(redirectAction({ port: 443, scheme: "https" }, 80, false)?.portRedirect).toBeUndefined();
    expect(redirectAction({ port: 80 }, 80, false)?.portRedirect).toBeUndefined();
    expect(redirectAction({ port: 8443, scheme: "https" }, 80, false)?.portRedirect).toBe(8443);
    // Without a scheme, a TLS server's redirect is https.
    expect(redirectAction({ port: 443 }, 443, true)?.portRedirect).toBeUndefined();
  });

  test("deriving the port from the request uses the port the route serves", () => {
    expect(redirectAction({ derivePort: "FROM_REQUEST_PORT" }, 8080, false)?.portRedirect).toBe(8080);
    expect(redirectAction({ derivePort: "FROM_PROTOCOL_DEFAULT", scheme: "https" }, 8080, false)?.portRedirect).toBeUndefined();
  });

  test("a prefix rewrite wins over a full path; authority becomes the host", () => {
    expect(redirectAction({ uri: "/full", prefixRewrite: "/pre", authority: "h.example" }, 80, false)).toMatchObject({ hostRedirect: "h.example", pathRewriteSpecifier: { case: "prefixRewrite", value: "/pre" } });
  });

  test("direct responses carry status and inline body", () => {
    expect(directResponseAction({ status: 500, body: { string: "oops" } })).toEqual({ status: 500, body: { specifier: { case: "inlineString", value: "oops" } } });
  });
});
