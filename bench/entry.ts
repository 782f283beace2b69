/** The bundle entry: runs the chosen benchmark's default export with the CLI args. */
import main from "bench-main";

await (main as (args: string[]) => Promise<void> | void)(process.argv.slice(2));
