/**
 * The settings every AWS SDK client of the project takes from the standard AWS
 * environment, whichever service it talks to. It imports no SDK module.
 *
 * @module
 */

import { type Environment, nonEmpty } from "../environment.ts";

/** The settings shared by the S3 and DynamoDB clients. */
export interface AwsClientSettings {
  /** The region. */
  region: string;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** A custom endpoint (moto, MinIO, DynamoDB Local…); absent means AWS. */
  endpoint?: string;
  /** Static keys; absent means the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * Client settings from the environment:
 * - endpoint: `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL` (both ignored when
 *   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`); none means AWS;
 * - region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`;
 * - attempts: `AWS_MAX_ATTEMPTS` (a positive integer), else 3;
 * - credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` when
 *   given (Lambda puts the role's there), else the SDK's default chain (profiles,
 *   container credentials…).
 *
 * @param service The service's part of its endpoint variable's name (`S3`, `DYNAMODB`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { awsClientSettingsFromEnv } from "./client_config.ts";
 * const env: Record<string, string> = {
 *   AWS_ENDPOINT_URL: "http://127.0.0.1:5000",
 *   AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
 *   AWS_MAX_ATTEMPTS: "5",
 * };
 * const settings = awsClientSettingsFromEnv((name) => env[name], "S3");
 * assert.deepEqual(settings, {
 *   region: "us-east-1",
 *   maxAttempts: 5,
 *   endpoint: "http://127.0.0.1:5000",
 * });
 * assert.equal(
 *   awsClientSettingsFromEnv((name) => env[name], "DYNAMODB").endpoint,
 *   "http://127.0.0.1:8000",
 * );
 * ```
 */
export function awsClientSettingsFromEnv(
  env: Environment,
  service: "S3" | "DYNAMODB",
): AwsClientSettings {
  const ignoreEndpoints = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") === "true";
  const endpoint = ignoreEndpoints
    ? undefined
    : nonEmpty(env(`AWS_ENDPOINT_URL_${service}`)) ?? nonEmpty(env("AWS_ENDPOINT_URL"));
  const region = nonEmpty(env("AWS_REGION")) ?? nonEmpty(env("AWS_DEFAULT_REGION")) ??
    "us-east-1";
  const attempts = Number(env("AWS_MAX_ATTEMPTS"));
  const maxAttempts = Number.isInteger(attempts) && attempts > 0 ? attempts : 3;
  const settings: AwsClientSettings = { region, maxAttempts };
  if (endpoint) settings.endpoint = endpoint;
  const accessKeyId = nonEmpty(env("AWS_ACCESS_KEY_ID"));
  const secretAccessKey = nonEmpty(env("AWS_SECRET_ACCESS_KEY"));
  if (accessKeyId && secretAccessKey) {
    settings.credentials = {
      accessKeyId,
      secretAccessKey,
      sessionToken: nonEmpty(env("AWS_SESSION_TOKEN")),
    };
  }
  return settings;
}
