/** `pnpm conformance <folder> ...`: the corpus run through @weft/gateway's translate(). */
import { translateCase } from "./adapter.js";
import { main } from "./cli.js";

process.exitCode = main(process.argv.slice(2), translateCase);
