/**
 * Subject alt names to verify a peer certificate against: SPIFFE identities are URI
 * SANs, anything else a DNS SAN.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { SubjectAltNameMatcher_SanType, type SubjectAltNameMatcherSchema } from "../gen/envoy/extensions/transport_sockets/tls/v3/common_pb.js";

export function sanMatchers(names: readonly string[]): MessageInitShape<typeof SubjectAltNameMatcherSchema>[] {
  return names.map((name) => ({
    sanType: name.startsWith("spiffe://") ? SubjectAltNameMatcher_SanType.URI : SubjectAltNameMatcher_SanType.DNS,
    matcher: { matchPattern: { case: "exact", value: name } },
  }));
}
