# A page rendered by Terraform: needs no provider from a registry (terraform_data is built in), so it runs
# on a machine without network. Its output feeds an S3 object in the creact tree around it.

variable "title" {
  type        = string
  description = "the page's title"
}

resource "terraform_data" "build" {
  input = var.title
}

locals {
  html = "<h1>${var.title}</h1>\n<p>rendered by terraform, build ${terraform_data.build.id}</p>\n"
}

output "html" {
  value = local.html
}
