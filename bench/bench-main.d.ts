/** Resolved at bundle time by bench/run.ts to the chosen benchmark module. */
declare module "bench-main" {
  const main: (args: string[]) => Promise<void> | void;
  export default main;
}
