# A stand-in for a VPC module: the same interface (a CIDR in, ids out), built on terraform_data so that it
# needs no provider from a registry. Swap in a real module (hashicorp/aws) where the registry is reachable.

variable "name" {
  type        = string
  description = "a name for the network"
}

variable "cidr" {
  type        = string
  description = "the network's address range"
}

variable "azs" {
  type    = list(string)
  default = ["a", "b"]
}

resource "terraform_data" "vpc" {
  input = { name = var.name, cidr = var.cidr }
}

resource "terraform_data" "subnet" {
  for_each = toset(var.azs)
  input    = { vpc = terraform_data.vpc.id, az = each.key, cidr = cidrsubnet(var.cidr, 8, index(var.azs, each.key)) }
}

output "vpc_id" {
  value = terraform_data.vpc.id
}

output "subnet_cidrs" {
  value = [for az in var.azs : terraform_data.subnet[az].output.cidr]
}
