// Type declarations for `creact/kubernetes`: objects applied server-side (field manager "creact") to the
// cluster of providers.kubernetes.kubeconfig / context (else KUBECONFIG, ~/.kube/config or in-cluster).

declare module "creact/kubernetes" {
  import type { Construct, Output, SecretRef } from "creact";

  /** What every object reports once applied. */
  export interface ObjectOutputs {
    uid: string;
    /** Changes on every write of the object. */
    resourceVersion: string;
    name: string;
    /** Absent for cluster-scoped objects. */
    namespace: string;
  }

  interface Metadata {
    /** metadata.name; changing it replaces the object. */
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  }
  interface Namespaced extends Metadata {
    /** Default: providers.kubernetes.namespace, else the context's namespace, else "default". Changing it replaces the object. */
    namespace?: string;
  }

  export interface NamespaceProps extends Metadata {}
  /** A namespace (type "kubernetes:Namespace"). */
  export const Namespace: Construct<NamespaceProps, Omit<ObjectOutputs, "namespace">>;

  export interface ConfigMapProps extends Namespaced {
    data?: Record<string, string>;
  }
  /** A config map (type "kubernetes:ConfigMap"). */
  export const ConfigMap: Construct<ConfigMapProps, ObjectOutputs>;

  export interface SecretProps extends Namespaced {
    /** Default "Opaque". */
    type?: string;
    /**
     * Values as text, each a `secret("NAME")` (or another resource's whole output): a literal is a build
     * error, so no value is ever in the state, plans or editor. Never an output.
     */
    stringData?: Record<string, SecretRef | Output<string>>;
    /** Like stringData, for values already in base64 (as the API's `data` takes them). */
    data?: Record<string, SecretRef | Output<string>>;
  }
  /** A secret (type "kubernetes:Secret"). */
  export const Secret: Construct<SecretProps, ObjectOutputs>;

  export interface DeploymentProps extends Namespaced {
    /** The container's image (a DockerImage's outputs.ref, say). */
    image: string;
    /** Default 1; safe to change while developing. */
    replicas?: number;
    /** The pods' selector labels (default { app: name }); changing it replaces the Deployment. */
    selector?: Record<string, string>;
    /** More labels for the pods (the object's own labels too). */
    labels?: Record<string, string>;
    /** Default: name. */
    containerName?: string;
    command?: string[];
    args?: string[];
    env?: Record<string, string>;
    /** Container ports. */
    ports?: (number | { containerPort: number })[];
    /** How long create and update wait for the rollout (default providers.kubernetes.rolloutTimeoutSeconds, 300). */
    rolloutTimeoutSeconds?: number;
  }
  export interface DeploymentOutputs extends ObjectOutputs {
    availableReplicas: number;
  }
  /**
   * A Deployment of one container (type "kubernetes:Deployment"). Create and update return once it has rolled
   * out (every replica updated and available), so what depends on it starts after that; otherwise it fails
   * with how far it got.
   */
  export const Deployment: Construct<DeploymentProps, DeploymentOutputs>;

  export interface ServicePort {
    port: number;
    /** Default: port. */
    targetPort?: number | string;
    /** Default "TCP". */
    protocol?: "TCP" | "UDP" | "SCTP";
    /** Default "p<port>". */
    name?: string;
    nodePort?: number;
  }
  export interface ServiceProps extends Namespaced {
    /** Default "ClusterIP". */
    type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
    selector: Record<string, string>;
    ports: (number | ServicePort)[];
    /** Ask for this cluster IP (default: the API server chooses). */
    clusterIP?: string;
  }
  export interface ServiceOutputs extends ObjectOutputs {
    clusterIP: string;
    ports: { name: string; port: number; targetPort: number | string; protocol: string; nodePort?: number }[];
  }
  /** A Service (type "kubernetes:Service"). */
  export const Service: Construct<ServiceProps, ServiceOutputs>;

  export interface KubernetesManifestProps {
    /** The object as kubectl's YAML would have it: apiVersion, kind, metadata.name, and the rest. */
    manifest: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };
  }
  export interface KubernetesManifestOutputs extends ObjectOutputs {
    kind: string;
    apiVersion: string;
  }
  /** Any other object (type "kubernetes:Manifest"), applied server-side as written. */
  export const KubernetesManifest: Construct<KubernetesManifestProps, KubernetesManifestOutputs>;
}
