/**
 * The context object a Lambda handler receives, as the Node.js runtime defines it.
 *
 * @module
 */

/** Per-invocation facts from the Runtime API and the function's environment. */
export interface LambdaContext {
  /** The invocation's request id (`Lambda-Runtime-Aws-Request-Id`). */
  readonly awsRequestId: string;
  /** The function's ARN as invoked (`Lambda-Runtime-Invoked-Function-Arn`). */
  readonly invokedFunctionArn: string;
  /** `AWS_LAMBDA_FUNCTION_NAME`. */
  readonly functionName: string;
  /** `AWS_LAMBDA_FUNCTION_VERSION`. */
  readonly functionVersion: string;
  /** `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`. */
  readonly memoryLimitInMB: string;
  /** `AWS_LAMBDA_LOG_GROUP_NAME`. */
  readonly logGroupName: string;
  /** `AWS_LAMBDA_LOG_STREAM_NAME`. */
  readonly logStreamName: string;
  /** Epoch milliseconds by which the invocation must finish (`Lambda-Runtime-Deadline-Ms`). */
  readonly deadlineMs: number;
  /** Mobile SDK client context (`Lambda-Runtime-Client-Context`, JSON), if any. */
  readonly clientContext?: unknown;
  /** Cognito identity (`Lambda-Runtime-Cognito-Identity`, JSON), if any. */
  readonly identity?: unknown;
  /** Milliseconds left before the deadline. */
  getRemainingTimeInMillis(): number;
}

/** A context for calling a handler directly (tests, scripts). */
export function localContext(requestId = "local", timeoutMs = 60_000): LambdaContext {
  const deadlineMs = Date.now() + timeoutMs;
  return {
    awsRequestId: requestId,
    invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:local",
    functionName: "local",
    functionVersion: "$LATEST",
    memoryLimitInMB: "512",
    logGroupName: "local",
    logStreamName: "local",
    deadlineMs,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}
