/**
 * TCP proxy filters: forward a connection, unparsed, to one cluster or split across
 * weighted clusters.
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { anyPack } from "@bufbuild/protobuf/wkt";
import type { FilterSchema } from "../gen/envoy/config/listener/v3/listener_components_pb.js";
import { TcpProxySchema } from "../gen/envoy/extensions/filters/network/tcp_proxy/v3/tcp_proxy_pb.js";

export const TCP_PROXY_FILTER = "envoy.filters.network.tcp_proxy";

export function tcpProxyFilter(targets: readonly { cluster: string; weight: number }[]): MessageInitShape<typeof FilterSchema> {
  const first = targets[0]?.cluster ?? "";
  const proxy =
    targets.length <= 1
      ? create(TcpProxySchema, { statPrefix: first, clusterSpecifier: { case: "cluster", value: first } })
      : create(TcpProxySchema, {
          statPrefix: first,
          clusterSpecifier: { case: "weightedClusters", value: { clusters: targets.map((t) => ({ name: t.cluster, weight: t.weight })) } },
        });
  return { name: TCP_PROXY_FILTER, configType: { case: "typedConfig", value: anyPack(TcpProxySchema, proxy) } };
}
