// Type declarations for `creact/aws`: S3 buckets and objects, SQS queues and Lambda functions. Credentials
// come from the AWS SDK's default chain (environment, profile files, SSO, roles), never from this file;
// region, profile and endpoint are settings of "providers": {"aws": {…}} in creact.config.json.

declare module "creact/aws" {
  import type { Construct } from "creact";

  export interface S3BucketProps {
    /** The bucket's name; changing it replaces the bucket. */
    bucket: string;
    tags?: Record<string, string>;
    versioning?: boolean;
  }
  export interface S3BucketOutputs {
    arn: string;
    name: string;
    /** bucket.s3.<region>.amazonaws.com */
    regionalDomainName: string;
  }
  /** An S3 bucket (type "aws:s3:Bucket"). */
  export const S3Bucket: Construct<S3BucketProps, S3BucketOutputs>;

  export interface S3ObjectProps {
    bucket: string;
    /** The object's S3 key (`key` stays creact's resource key); changing it replaces the object. */
    objectKey: string;
    /** The object's content as text; give this or `source`. */
    content?: string;
    /** A file under the project root to upload; give this or `content`. */
    source?: string;
    contentType?: string;
  }
  export interface S3ObjectOutputs {
    etag: string;
    /** The object's URL (path style when an endpoint is set). */
    url: string;
    /** Null unless the bucket is versioned. */
    versionId: string | null;
  }
  /** An object in an S3 bucket (type "aws:s3:Object"). */
  export const S3Object: Construct<S3ObjectProps, S3ObjectOutputs>;

  export interface SqsQueueProps {
    /** The queue's name (ends with ".fifo" for a FIFO queue); changing it replaces the queue. */
    name: string;
    /** A FIFO queue; changing it replaces the queue. */
    fifo?: boolean;
    /** Seconds a received message stays hidden (0 to 43200); safe to change. */
    visibilityTimeout?: number;
    /** Other SQS attributes by their AWS names (MessageRetentionPeriod, DelaySeconds, …). */
    attributes?: Record<string, string | number | boolean>;
  }
  export interface SqsQueueOutputs {
    url: string;
    arn: string;
  }
  /** An SQS queue (type "aws:sqs:Queue"). */
  export const SqsQueue: Construct<SqsQueueProps, SqsQueueOutputs>;

  export interface LambdaFunctionProps {
    /** The function's name; changing it replaces the function. */
    name: string;
    /** A container image's URI; give this or `zipFile`. */
    imageUri?: string;
    /** A zip file under the project root; needs `handler` and `runtime`. */
    zipFile?: string;
    handler?: string;
    runtime?: string;
    /** The execution role's ARN. */
    role: string;
    /** Memory in MB (128 to 10240); safe to change. */
    memoryMb?: number;
    /** Timeout in seconds (1 to 900); safe to change. */
    timeoutS?: number;
    environment?: Record<string, string>;
  }
  export interface LambdaFunctionOutputs {
    arn: string;
    /** The version published by the last create or code update. */
    version: string;
  }
  /** A Lambda function (type "aws:lambda:Function"). */
  export const LambdaFunction: Construct<LambdaFunctionProps, LambdaFunctionOutputs>;
}
