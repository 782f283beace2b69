/**
 * @weft/cli: the `weft` command as a library, for tools that want to run it in-process.
 */
export { FORMATS, OUTPUTS, parseCommand, USAGE, UsageError, type Command, type Format, type Output, type TranslateCommand } from "./args.js";
export { main } from "./main.js";
export { EXIT, runTranslate, type Io } from "./translate-command.js";
export { BUNDLED_EXAMPLE } from "./bundled-example.js";
