import { useInstance } from "creact";
import { LambdaFunction, S3Bucket, S3Object, SqsQueue } from "creact/aws";
import { DockerContainer, DockerImage, DockerNetwork } from "creact/docker";
import { Deployment, Namespace, Service } from "creact/kubernetes";
import { TerraformModule } from "creact/terraform";

// AWS, Docker, Kubernetes and a Terraform module in one tree. Every arrow between providers is an output
// reference, so creact orders the work by it (and undoes it in the reverse order on destroy):
//   Docker image `ref`     -> the Kubernetes Deployment's image and the Lambda function's image URI
//   Terraform output       -> the S3 object's content
//   SQS queue `url`        -> the Docker container's environment
export default function MultiProvider() {
  // Docker: an image built from ./app (FROM scratch: a static busybox and a page; no registry needed)
  const image = useInstance(DockerImage, { key: "app-image", tag: "creact-demo/app:1", context: "app" });
  const net = useInstance(DockerNetwork, { key: "net", name: "creact-demo" });

  // AWS: a queue whose URL the container gets in its environment
  const queue = useInstance(SqsQueue, { key: "orders", name: "creact-demo-orders", visibilityTimeout: 30 });
  useInstance(DockerContainer, {
    key: "worker",
    name: "creact-demo-worker",
    image: image.outputs.id,
    network: net.outputs.name,
    command: ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"],
    env: { QUEUE_URL: queue.outputs.url },
    restart: "no",
  });

  // Kubernetes: the same image, by its ref, in a Deployment behind a Service
  const ns = useInstance(Namespace, { key: "ns", name: "creact-demo" });
  useInstance(Deployment, {
    key: "web",
    name: "web",
    namespace: ns.outputs.name,
    image: image.outputs.ref,
    replicas: 2,
    ports: [8080],
  });
  useInstance(Service, {
    key: "web-svc",
    name: "web",
    namespace: ns.outputs.name,
    selector: { app: "web" },
    ports: [{ port: 80, targetPort: 8080 }],
  });

  // AWS Lambda: a container-image function from the same image ref
  useInstance(LambdaFunction, {
    key: "api",
    name: "creact-demo-api",
    imageUri: image.outputs.ref,
    role: "arn:aws:iam::000000000000:role/creact-demo",
    memoryMb: 256,
    timeoutS: 10,
  });

  // Terraform: a module (built-in terraform_data only) whose output is the page an S3 object serves
  const page = useInstance(TerraformModule, { key: "page", source: "./modules/site-page", vars: { title: "creact multi-provider" } });
  const site = useInstance(S3Bucket, { key: "site", bucket: "creact-demo-site" });
  useInstance(S3Object, {
    key: "index",
    bucket: site.outputs.name,
    objectKey: "index.html",
    content: `${page.outputs.html}`, // a module's outputs are untyped; in a template it is a string
    contentType: "text/html",
  });
  return null;
}
