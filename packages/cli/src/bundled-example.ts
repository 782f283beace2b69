/**
 * The example `weft translate` runs with no -f: a bookinfo-style Gateway with HTTPS,
 * several routes, a ReferenceGrant and one deliberately invalid route. It ships with
 * the package (examples/bookinfo.yaml), beside src/ and dist/ alike.
 */
import { fileURLToPath } from "node:url";

/** The bundled example's path on disk. */
export const BUNDLED_EXAMPLE = fileURLToPath(new URL("../examples/bookinfo.yaml", import.meta.url));

/** What is said about it on stderr when it is used. */
export const BUNDLED_NOTE =
  "No -f given: translating the bundled example, a bookinfo-style Gateway with HTTPS, several routes, a ReferenceGrant and one deliberately invalid route.\n" +
  "Give -f <file or folder> (repeatable, - for stdin) to translate your own manifests.";
