// Type declarations for `creact/terraform`: a Terraform module as one resource. Its variables and outputs
// are read from the module's files when the stack is built.

declare module "creact/terraform" {
  import type { Construct } from "creact";

  export interface TerraformModuleProps {
    /** The module's folder, relative to the project root (./modules/net). Remote sources are not fetched. */
    source: string;
    /** The module's input variables by name; checked against its `variable` blocks at build time. */
    vars?: Record<string, unknown>;
  }
  export interface TerraformModuleOutputs {
    /** The same module with the same vars has the same id on every machine. */
    moduleId: string;
    /** The module's `output` blocks by name. */
    [output: string]: unknown;
  }
  /** A Terraform module applied with the terraform binary (type "terraform:Module"). */
  export const TerraformModule: Construct<TerraformModuleProps, TerraformModuleOutputs>;
}
