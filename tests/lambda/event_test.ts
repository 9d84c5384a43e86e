import assert from "node:assert/strict";
import { parseSnsEvent } from "../../src/lambda/event.ts";
import { EventError } from "../../src/errors.ts";

const sns = (message: unknown) => ({ Records: [{ Sns: { Message: JSON.stringify(message) } }] });
const s3 = (bucket: unknown, key: unknown) => ({
  s3: { bucket: { name: bucket }, object: { key } },
});

Deno.test("an SNS event yields each S3 object, with URL-decoded bucket and key", () => {
  const event = {
    Records: [
      { Sns: { Message: JSON.stringify({ Records: [s3("b", "u/my+spec/1%2B1-spec.json")] }) } },
      {
        Sns: {
          Message: JSON.stringify({ Records: [s3("b", "a/b/%C3%A9-spec.json"), s3("c", "k")] }),
        },
      },
    ],
  };
  const none = { eventName: null, eTag: null, versionId: null, sequencer: null };
  assert.deepEqual(parseSnsEvent(event), {
    objects: [
      {
        bucket: "b",
        key: "u/my spec/1+1-spec.json",
        path: "Records[0].Sns.Message.Records[0]",
        ...none,
      },
      { bucket: "b", key: "a/b/é-spec.json", path: "Records[1].Sns.Message.Records[0]", ...none },
      { bucket: "c", key: "k", path: "Records[1].Sns.Message.Records[1]", ...none },
    ],
    testEvents: 0,
  });
});

Deno.test("a record's event name, ETag (quoted as S3's header), version id and sequencer are read", () => {
  const record = {
    eventName: "ObjectCreated:Put",
    s3: {
      bucket: { name: "b" },
      object: {
        key: "u/s/1-spec.json",
        size: 10,
        eTag: "0123456789abcdef0123456789abcdef",
        versionId: "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY",
        sequencer: "0055AED6DCD90281E5",
      },
    },
  };
  const [object] = parseSnsEvent(sns({ Records: [record] })).objects;
  assert.deepEqual(
    [object.eventName, object.eTag, object.versionId, object.sequencer],
    [
      "ObjectCreated:Put",
      '"0123456789abcdef0123456789abcdef"',
      "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY",
      "0055AED6DCD90281E5",
    ],
  );
  const removed = {
    eventName: "ObjectRemoved:Delete",
    s3: { ...record.s3, object: { key: "k", eTag: 5 } },
  };
  assert.throws(
    () => parseSnsEvent(sns({ Records: [removed] })),
    /Records\[0\]\.Sns\.Message\.Records\[0\]\.s3\.object\.eTag must be a string, not a number/,
  );
});

Deno.test("the S3 test notification is acknowledged and ignored", () => {
  const event = sns({ Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "b" });
  assert.deepEqual(parseSnsEvent(event), { objects: [], testEvents: 1 });
});

const MALFORMED: [string, unknown, string][] = [
  ["not an object", "hello", "event must be an object, not a string"],
  ["no Records", {}, "event.Records is missing"],
  ["Records not a list", { Records: {} }, "event.Records must be a list, not an object"],
  ["a record not an object", { Records: [7] }, "Records[0] must be an object, not a number"],
  ["no Sns", { Records: [{}] }, "Records[0].Sns is missing"],
  ["Message missing", { Records: [{ Sns: {} }] }, "Records[0].Sns.Message is missing"],
  [
    "Message not a string",
    { Records: [{ Sns: { Message: {} } }] },
    "Records[0].Sns.Message must be a string, not an object",
  ],
  [
    "Message not JSON",
    { Records: [{ Sns: { Message: "{oops" } }] },
    "Records[0].Sns.Message is not JSON",
  ],
  ["Message not an object", sns([1]), "Records[0].Sns.Message must hold a JSON object, not a list"],
  ["no S3 Records", sns({}), "Records[0].Sns.Message.Records is missing"],
  ["no s3", sns({ Records: [{}] }), "Records[0].Sns.Message.Records[0].s3 is missing"],
  [
    "no bucket",
    sns({ Records: [{ s3: { object: { key: "k" } } }] }),
    "Records[0].Sns.Message.Records[0].s3.bucket is missing",
  ],
  [
    "no object",
    sns({ Records: [{ s3: { bucket: { name: "b" } } }] }),
    "Records[0].Sns.Message.Records[0].s3.object is missing",
  ],
  [
    "bucket name not a string",
    sns({ Records: [s3(5, "k")] }),
    "Records[0].Sns.Message.Records[0].s3.bucket.name must be a string, not a number",
  ],
  [
    "key not a string",
    sns({ Records: [s3("b", null)] }),
    "Records[0].Sns.Message.Records[0].s3.object.key must be a string, not null",
  ],
  [
    "empty key",
    sns({ Records: [s3("b", "")] }),
    "Records[0].Sns.Message.Records[0].s3.object.key is empty",
  ],
  [
    "bad URL encoding",
    sns({ Records: [s3("b", "a%zz")] }),
    "Records[0].Sns.Message.Records[0].s3.object.key is not a valid URL-encoded key",
  ],
];

for (const [name, event, message] of MALFORMED) {
  Deno.test(`a malformed event (${name}) is an EventError naming the path`, () => {
    assert.throws(() => parseSnsEvent(event), (error: unknown) => {
      assert.ok(error instanceof EventError);
      assert.ok(error.message.startsWith(`Cannot read the event: ${message}`), error.message);
      return true;
    });
  });
}
