/**
 * The event our function receives: SNS delivering S3 "object created" notifications.
 * `Records[i].Sns.Message` is a JSON string holding the S3 event, whose object keys are
 * URL-encoded (`+` for a space).
 *
 * @module
 */

import { EventError } from "../errors.ts";

/** One stored object an S3 notification is about. */
export interface S3ObjectRef {
  /** The bucket, URL-decoded. */
  readonly bucket: string;
  /** The object key, URL-decoded. */
  readonly key: string;
  /** Where in the event it came from, e.g. `Records[0].Sns.Message.Records[1]`. */
  readonly path: string;
  /** The notification's `eventName` (`ObjectCreated:Put`, `ObjectRemoved:Delete`…), if any. */
  readonly eventName: string | null;
  /** The object's ETag the notification announces, quoted as S3's `ETag` header, if any. */
  readonly eTag: string | null;
  /** The object's version id (versioned buckets), if any. */
  readonly versionId: string | null;
  /**
   * S3's `sequencer`: for one key, a later event has a greater value (compare as hex
   * after padding the shorter with zeros on the right). `null` when absent.
   */
  readonly sequencer: string | null;
}

/** What an SNS event holds. */
export interface ParsedEvent {
  /** The objects to process, in event order. */
  readonly objects: readonly S3ObjectRef[];
  /** S3 test notifications (sent when a bucket notification is configured), ignored. */
  readonly testEvents: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function fail(path: string, what: string): never {
  throw new EventError(`Cannot read the event: ${path} ${what}`, [path]);
}

function field(parent: Json, name: string, path: string): unknown {
  if (!(name in parent)) fail(`${path}.${name}`, "is missing");
  return parent[name];
}

function objectAt(parent: Json, name: string, path: string): Json {
  const value = field(parent, name, path);
  if (!isObject(value)) fail(`${path}.${name}`, `must be an object, not ${typeName(value)}`);
  return value;
}

function stringAt(parent: Json, name: string, path: string): string {
  const value = field(parent, name, path);
  if (typeof value !== "string") {
    fail(`${path}.${name}`, `must be a string, not ${typeName(value)}`);
  }
  return value;
}

function optionalStringAt(parent: Json, name: string, path: string): string | null {
  if (!(name in parent) || parent[name] === null) return null;
  return stringAt(parent, name, path);
}

function listAt(parent: Json, name: string, path: string): unknown[] {
  const value = field(parent, name, path);
  if (!Array.isArray(value)) fail(`${path}.${name}`, `must be a list, not ${typeName(value)}`);
  return value;
}

/** Decodes an S3 event key: `+` is a space, then `%xx` escapes. */
export function decodeS3Key(encoded: string, path: string): string {
  try {
    return decodeURIComponent(encoded.replaceAll("+", " "));
  } catch {
    return fail(path, `is not a valid URL-encoded key: ${JSON.stringify(encoded)}`);
  }
}

/**
 * Reads the objects out of an SNS event carrying S3 notifications.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSnsEvent } from "./event.ts";
 * const message = JSON.stringify({
 *   Records: [{ s3: { bucket: { name: "pkgs" }, object: { key: "u/s/1+0-spec.json" } } }],
 * });
 * const [object] = parseSnsEvent({ Records: [{ Sns: { Message: message } }] }).objects;
 * assert.equal(object.bucket, "pkgs");
 * assert.equal(object.key, "u/s/1 0-spec.json");
 * assert.equal(object.path, "Records[0].Sns.Message.Records[0]");
 * ```
 *
 * @throws {EventError} naming the path of the first malformed field.
 */
export function parseSnsEvent(event: unknown): ParsedEvent {
  if (!isObject(event)) fail("event", `must be an object, not ${typeName(event)}`);
  const records = listAt(event, "Records", "event");
  const objects: S3ObjectRef[] = [];
  let testEvents = 0;
  records.forEach((record, index) => {
    const recordPath = `Records[${index}]`;
    if (!isObject(record)) fail(recordPath, `must be an object, not ${typeName(record)}`);
    const sns = objectAt(record, "Sns", recordPath);
    const messagePath = `${recordPath}.Sns`;
    const messageText = stringAt(sns, "Message", messagePath);
    let message: unknown;
    try {
      message = JSON.parse(messageText);
    } catch {
      fail(`${messagePath}.Message`, "is not JSON");
    }
    const inner = `${messagePath}.Message`;
    if (!isObject(message)) fail(inner, `must hold a JSON object, not ${typeName(message)}`);
    if (message.Event === "s3:TestEvent" && !("Records" in message)) {
      testEvents++;
      return;
    }
    const s3Records = listAt(message, "Records", inner);
    s3Records.forEach((s3Record, s3Index) => {
      const path = `${inner}.Records[${s3Index}]`;
      if (!isObject(s3Record)) fail(path, `must be an object, not ${typeName(s3Record)}`);
      const s3 = objectAt(s3Record, "s3", path);
      const bucket = objectAt(s3, "bucket", `${path}.s3`);
      const object = objectAt(s3, "object", `${path}.s3`);
      const name = stringAt(bucket, "name", `${path}.s3.bucket`);
      const key = stringAt(object, "key", `${path}.s3.object`);
      if (name.length === 0) fail(`${path}.s3.bucket.name`, "is empty");
      if (key.length === 0) fail(`${path}.s3.object.key`, "is empty");
      const eTag = optionalStringAt(object, "eTag", `${path}.s3.object`);
      objects.push({
        bucket: decodeS3Key(name, `${path}.s3.bucket.name`),
        key: decodeS3Key(key, `${path}.s3.object.key`),
        path,
        eventName: optionalStringAt(s3Record, "eventName", path),
        eTag: eTag === null || eTag === "" ? null : `"${eTag.replaceAll('"', "")}"`,
        versionId: optionalStringAt(object, "versionId", `${path}.s3.object`) || null,
        sequencer: optionalStringAt(object, "sequencer", `${path}.s3.object`) || null,
      });
    });
  });
  return { objects, testEvents };
}
