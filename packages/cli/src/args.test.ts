import { describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "./args.js";

describe("weft's command line", () => {
  it("reads translate with repeated -f, output, format and translator options", () => {
    expect(parseCommand(["translate", "-f", "a.yaml", "--filename", "dir", "-o", "status", "--format", "json", "--domain-suffix", "corp.local", "--feature", "alphaGatewayAPI", "--feature", "gatewayClassController=false", "-R", "--crds", "crds/"])).toEqual({
      command: "translate",
      files: ["a.yaml", "dir"],
      recursive: true,
      output: "status",
      format: "json",
      domainSuffix: "corp.local",
      features: { alphaGatewayAPI: true, gatewayClassController: false },
      crds: ["crds/"],
      rejectExpiredCertificates: false,
    });
  });

  it("defaults to all outputs as YAML, and to the bundled example (no files)", () => {
    expect(parseCommand(["translate"])).toMatchObject({ files: [], output: "all", format: "yaml", features: {}, rejectExpiredCertificates: false });
  });

  it("rejects expired certificates only when asked to", () => {
    expect(parseCommand(["translate", "--reject-expired-certificates"])).toMatchObject({ rejectExpiredCertificates: true });
  });

  it("answers help and version", () => {
    expect(parseCommand([])).toEqual({ command: "help" });
    expect(parseCommand(["--help"])).toEqual({ command: "help" });
    expect(parseCommand(["translate", "-h"])).toEqual({ command: "help" });
    expect(parseCommand(["-v"])).toEqual({ command: "version" });
  });

  it("an unknown option is named without advice about positionals, which translate does not take", () => {
    expect(() => parseCommand(["translate", "--bogus"])).toThrow(/^unknown option "--bogus"$/);
    expect(() => parseCommand(["translate", "--bogus"])).not.toThrow(/positional/);
  });

  it.each([
    [["translate", "--output", "envoy"], /--output must be one of istio, status, xds, all/],
    [["translate", "--format", "toml"], /--format must be one of yaml, json/],
    [["translate", "--bogus"], /^unknown option "--bogus"$/],
    [["translate", "-x"], /^unknown option "-x"$/],
    [["translate", "file.yaml"], /unexpected argument "file.yaml" \(files are given with -f\)/],
    [["render"], /unknown command "render"/],
    [["translate", "--feature", "warpDrive"], /unknown --feature "warpDrive"/],
    [["translate", "--feature", "alphaGatewayAPI=yes"], /takes =true or =false/],
    [["translate", "--now", "yesterday"], /--now must be a timestamp/],
    [["translate", "-f"], /argument missing/],
  ])("rejects %j as a usage error", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
