// `pnpm docs:api` (not `pnpm docs`, which is a pnpm command of its own): the API reference of every package, generated into docs/api-reference/
import { OptionDefaults } from "typedoc";

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
