import { describe, expect, it } from "vitest";
import { shadowServiceName } from "./shadow-service.js";

describe("shadowServiceName", () => {
  it("appends -ip- and the first 8 hex digits of sha256(pool name)", () => {
    expect(shadowServiceName("infpool-gen")).toBe("infpool-gen-ip-6580eb2c");
    expect(shadowServiceName("my-ip")).toBe("my-ip-ip-03f70481");
  });

  it("cuts the pool part so the name is at most 63 characters", () => {
    const exact = "p".repeat(63 - 12);
    expect(shadowServiceName(exact)).toHaveLength(63);
    expect(shadowServiceName(exact).startsWith(exact)).toBe(true);
    const long = "q".repeat(80);
    const name = shadowServiceName(long);
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^q{51}-ip-[0-9a-f]{8}$/);
  });
});
