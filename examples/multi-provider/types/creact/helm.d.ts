// Type declarations for `creact/helm`: a Helm release of a chart in the project as one resource. The
// chart's values.schema.json, when it has one, is checked when the stack is built.

declare module "creact/helm" {
  import type { Construct } from "creact";

  export interface HelmReleaseProps {
    /** The chart's folder, relative to the project root (./charts/web). */
    chart: string;
    /** Where the release goes (default "default"); changing it replaces the release. */
    namespace?: string;
    /** The release name (default: the resource id); changing it replaces the release. */
    releaseName?: string;
    /** Values over the chart's values.yaml. */
    values?: Record<string, unknown>;
    /** helm's --timeout for --wait, in seconds. */
    timeoutSeconds?: number;
  }
  export interface HelmReleaseOutputs {
    name: string;
    revision: number;
    status: string;
    namespace: string;
    /** The manifest's objects, as "Kind/name". */
    resources: string[];
  }
  /** A Helm release installed and upgraded with the helm binary (type "helm:Release"). */
  export const HelmRelease: Construct<HelmReleaseProps, HelmReleaseOutputs>;
}
