// Type declarations for `creact/docker`: images, networks and containers through the Docker Engine API
// (the daemon at providers.docker.host, else DOCKER_HOST, else unix:///var/run/docker.sock).

declare module "creact/docker" {
  import type { Construct } from "creact";

  export interface DockerImageProps {
    /** The tag the image gets ("web:1", "registry.example/web:1"); changing it replaces the image. */
    tag: string;
    /** A build context folder, relative to the project root; it needs a Dockerfile. One of context and tarball. */
    context?: string;
    /** The Dockerfile's path inside the context (default "Dockerfile"). */
    dockerfile?: string;
    /** --build-arg values. */
    buildArgs?: Record<string, string>;
    /** An image archive made by `docker save`, relative to the project root, loaded instead of built. */
    tarball?: string;
  }
  export interface DockerImageOutputs {
    /** The image id (sha256:…): new on every rebuild; give it to a container to have it replaced then. */
    id: string;
    /** The tag, as other tools (a Kubernetes Deployment) name the image. */
    ref: string;
    /** name@sha256:… once the image was pushed or pulled; "" for an image only built here. */
    repoDigest: string;
  }
  /**
   * An image built from a context folder or loaded from a tarball (type "docker:Image"). A change of any
   * prop or of any file in the context replaces it (the new image is made before the old is removed).
   */
  export const DockerImage: Construct<DockerImageProps, DockerImageOutputs>;

  export interface DockerNetworkProps {
    name: string;
    /** Default "bridge". */
    driver?: string;
    /** No route out of the network. */
    internal?: boolean;
    labels?: Record<string, string>;
  }
  export interface DockerNetworkOutputs {
    id: string;
    name: string;
  }
  /** A network that containers join by name (type "docker:Network"). */
  export const DockerNetwork: Construct<DockerNetworkProps, DockerNetworkOutputs>;

  /** "8080:80", "127.0.0.1:8080:80/udp", or an object; host 0 (or left out) lets the daemon choose. */
  export type DockerPort = string | number | { container: number; host?: number; protocol?: "tcp" | "udp" | "sctp"; hostIp?: string };

  export interface DockerContainerProps {
    /** The container's name; changing it replaces the container. */
    name: string;
    /** An image's `id` (replaced when the image is rebuilt) or any reference the daemon has. */
    image: string;
    /** Overrides the image's CMD. */
    command?: string[];
    env?: Record<string, string>;
    ports?: DockerPort[];
    /** A network's name (a DockerNetwork's outputs.name). */
    network?: string;
    labels?: Record<string, string>;
    /** Restart policy (default "no"); updated in place. */
    restart?: "no" | "always" | "unless-stopped" | "on-failure";
  }
  export interface DockerContainerOutputs {
    id: string;
    /** Its address on `network` (or its first network); "" without one. */
    ipAddress: string;
    /** Published ports as bound by the daemon. */
    ports: { container: number; protocol: string; hostIp: string; host: number }[];
  }
  /**
   * A running container (type "docker:Container"). Every change but `restart` replaces it; delete stops it
   * (SIGTERM, then SIGKILL after providers.docker.stopTimeoutSeconds) and removes it.
   */
  export const DockerContainer: Construct<DockerContainerProps, DockerContainerOutputs>;
}
