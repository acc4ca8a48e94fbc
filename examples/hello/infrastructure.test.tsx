// Tests of the hello stack, run by `creact test` (in the sandbox, against the mock provider and an
// in-memory backend). Snapshots live in __snapshots__/; `creact test --update-snapshots` rewrites them.
import { describe, expect, render, test, testCycle } from "creact/test";
import App, { Env } from "./infrastructure";
import { Service } from "./components/service";

describe("the hello stack", () => {
  test("declares the site folder, its index, the random suffix and one config file per service", () => {
    const site = render(App);
    expect(site).toHaveResources(5);
    expect(site).toHaveResources(3, "local:File");
    expect(site).toHaveResource("site.root", { path: "out/prod" });
    expect(site).toHaveResource("site.api.config", { path: "out/prod/8080.properties" });
    expect(site).toHaveResource("site.worker.config", { path: "out/prod/9090.properties" });
  });

  test("the index reads the random suffix: a reference before it is deployed, its value after", () => {
    const before = render(App);
    expect(before.resource("site.index").props.content).toContain("${ref:site.suffix#hex}");
    const after = render(App, { state: { "site.suffix": { hex: "a1b2c3d4" } } });
    expect(after.resource("site.index").props.content).toContain("build a1b2c3d4");
  });

  test("a service's config file follows the environment in context", () => {
    const service = render(Service, { props: { port: 7000 }, context: [[Env, { name: "staging", region: "local" }]] });
    expect(service).toHaveResource("config", { path: "out/staging/7000.properties", content: "port=7000\nenv=staging\n" });
  });

  test("the whole tree", () => {
    expect(render(App)).toMatchSnapshot();
  });
});

testCycle("deploys, then has nothing left to do", App, { expectResources: 5 });
