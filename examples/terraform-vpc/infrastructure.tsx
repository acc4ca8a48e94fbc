import { useInstance } from "creact";
import { TerraformModule } from "creact/terraform";
import { LocalFile } from "creact/local";

// A Terraform module and creact resources in one tree: the module's outputs feed a local file.
export default function Network() {
  const vpc = useInstance(TerraformModule, {
    key: "vpc",
    source: "./modules/vpc",
    vars: { name: "demo", cidr: "10.0.0.0/16", azs: ["a", "b", "c"] },
  });
  useInstance(LocalFile, {
    key: "network-env",
    path: "out/network.env",
    content: `VPC_ID=${vpc.outputs.vpc_id}\nSUBNETS=${vpc.outputs.subnet_cidrs}\n`,
  });
  return null;
}
