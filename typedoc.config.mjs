// `pnpm docs:api` (not `pnpm docs`, which is a pnpm command of its own): the API reference of every package, generated into docs/api-reference/
import { OptionDefaults } from "typedoc";

// A package's own typedoc.json (packages/gateway, packages/xds, packages/kube) adds entry
// points beside src/index.ts where exported types are built from shapes in other modules:
// gateway's Istio output model (model/istio.ts), xds's input shapes and plans (model.ts,
// proxy-plans.ts). The generated Envoy messages the ADS types mention (Node, Status,
// Resource...) are listed as intentionally not exported: Envoy's API reference documents
// them. `pnpm test:consumer` fails on any "referenced but not included" warning.

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "Weft API reference",
  entryPointStrategy: "packages",
  entryPoints: ["packages/krt", "packages/api", "packages/gateway", "packages/mesh", "packages/xds", "packages/kube", "packages/cli"],
  packageOptions: {
    entryPoints: ["src/index.ts"],
    excludeInternal: true,
    skipErrorChecking: true,
    // protoc-gen-es marks the generated Envoy types with @generated.
    blockTags: [...OptionDefaults.blockTags, "@generated"],
  },
  out: "docs/api-reference",
  readme: "none",
  excludePrivate: true,
  excludeProtected: true,
};
