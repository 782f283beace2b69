/**
 * The command line of `weft`, read with Node's util.parseArgs: what to do, which files,
 * which outputs in which format. A mistake here is a usage error (exit 2), told in one
 * line with the usage after it.
 */
import { parseArgs } from "node:util";
import type { GatewayFeatures } from "@weft/gateway";

/** The sections `--output` can ask for. */
export const OUTPUTS = ["istio", "status", "xds", "all"] as const;
export type Output = (typeof OUTPUTS)[number];

export const FORMATS = ["yaml", "json"] as const;
export type Format = (typeof FORMATS)[number];

const FEATURES: readonly (keyof GatewayFeatures)[] = ["alphaGatewayAPI", "ambientWaypoints", "ambientMultiNetwork", "gatewayAPIInferenceExtension", "gatewayClassController"];

/** `weft translate ...`, read. */
export interface TranslateCommand {
  command: "translate";
  /** Files, folders or `-` (stdin); empty for the bundled example. */
  files: string[];
  output: Output;
  format: Format;
  recursive: boolean;
  domainSuffix?: string;
  controllerName?: string;
  features: Partial<GatewayFeatures>;
  /** The time stamped on status conditions (default: now). */
  now?: string;
  /**
   * CustomResourceDefinition files or folders: when given, the inputs are admitted as an
   * API server would (CRD defaults, uid, generation, creationTimestamp, namespace labels).
   */
  crds: string[];
  /** Treat certificates not valid at `now` as invalid references. */
  rejectExpiredCertificates: boolean;
}

export type Command = TranslateCommand | { command: "help" } | { command: "version" };

export class UsageError extends Error {}

export const USAGE = `Usage: weft translate [-f <file or folder>]... [--output istio|status|xds|all] [--format yaml|json]

Translates Gateway API manifests (YAML or JSON, several documents per file) into the Istio
config (Gateways, VirtualServices, DestinationRules), the statuses Istio would write, and
the Envoy xDS resources (Listeners, RouteConfigurations, Clusters, ClusterLoadAssignments;
endpoints from the EndpointSlices given). With no -f, translates a bundled bookinfo example.

Options:
  -f, --filename <path>      a file, a folder (its .yaml, .yml and .json files) or - for stdin; repeatable
  -R, --recursive            read folders recursively
  -o, --output <what>        istio, status, xds or all (default: all)
      --format <format>      yaml or json (default: yaml)
      --domain-suffix <s>    the cluster's domain (default: cluster.local)
      --controller-name <n>  the controllerName to act as (default: istio.io/gateway-controller)
      --feature <name[=bool]> turn a feature switch on (or off): ${FEATURES.join(", ")}; repeatable
      --now <timestamp>      the lastTransitionTime of conditions (default: the current time)
      --crds <file or folder> CRDs whose schema defaults are applied to the inputs, which are also
                             given what an API server writes (uid, generation, creationTimestamp,
                             the kubernetes.io/metadata.name label), so statuses come out as in a
                             cluster; repeatable
      --reject-expired-certificates
                             a listener certificate that is not valid at --now is an invalid
                             reference (Istio, and the default, serve it anyway)
  -h, --help                 this text
  -v, --version              the version

Exit status: 0 when everything translated; 1 when some input could not be read or
translated (the rest is still printed); 2 on a usage error.`;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got "${value}")`);
}

function features(values: readonly string[]): Partial<GatewayFeatures> {
  const out: Partial<GatewayFeatures> = {};
  for (const value of values) {
    const [name, setting = "true"] = value.split("=", 2) as [string, string?];
    const feature = FEATURES.find((f) => f.toLowerCase() === name.toLowerCase());
    if (feature === undefined) throw new UsageError(`unknown --feature "${name}" (known: ${FEATURES.join(", ")})`);
    if (setting !== "true" && setting !== "false") throw new UsageError(`--feature ${name} takes =true or =false (got "${setting}")`);
    out[feature] = setting === "true";
  }
  return out;
}

/**
 * util.parseArgs's complaint, in weft's words. Its unknown-option message goes on to explain
 * how to pass a positional that starts with "-", but `weft translate` takes no positionals
 * (files come with -f), so that advice would only mislead.
 */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: unknown } | null)?.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return message;
  const option = /'([^']+)'/.exec(message)?.[1];
  return option === undefined ? "unknown option" : `unknown option "${option}"`;
}

/** Reads the arguments after `weft`. Throws a UsageError on any mistake. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        filename: { type: "string", short: "f", multiple: true },
        recursive: { type: "boolean", short: "R" },
        output: { type: "string", short: "o" },
        format: { type: "string" },
        "domain-suffix": { type: "string" },
        "controller-name": { type: "string" },
        feature: { type: "string", multiple: true },
        now: { type: "string" },
        crds: { type: "string", multiple: true },
        "reject-expired-certificates": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  const [command, ...extra] = positionals;
  if (command === undefined || command === "help") return { command: "help" };
  if (command !== "translate") throw new UsageError(`unknown command "${command}" (the command is: weft translate)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (files are given with -f)`);
  const now = values.now;
  if (now !== undefined && Number.isNaN(Date.parse(now))) throw new UsageError(`--now must be a timestamp (got "${now}")`);
  return {
    command: "translate",
    files: values.filename ?? [],
    recursive: values.recursive ?? false,
    output: oneOf(values.output, OUTPUTS, "--output", "all"),
    format: oneOf(values.format, FORMATS, "--format", "yaml"),
    ...(values["domain-suffix"] === undefined ? {} : { domainSuffix: values["domain-suffix"] }),
    ...(values["controller-name"] === undefined ? {} : { controllerName: values["controller-name"] }),
    features: features(values.feature ?? []),
    ...(now === undefined ? {} : { now }),
    crds: values.crds ?? [],
    rejectExpiredCertificates: values["reject-expired-certificates"] ?? false,
  };
}
