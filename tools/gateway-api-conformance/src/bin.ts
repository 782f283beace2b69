/** `pnpm conformance:gateway-api ...`: the suite's status assertions against @weft/gateway's translate(). */
import { main } from "./cli.js";

process.exitCode = main(process.argv.slice(2));
