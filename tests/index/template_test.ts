/** The index function in template.yaml: the builder's image, read-only permissions. */

import assert from "node:assert/strict";
import { allowed, readTemplate } from "../helpers/template.ts";

Deno.test("the index function runs the builder's image with FUNCTION_HANDLER=index behind a function URL", async () => {
  const { Resources } = await readTemplate();
  const index = Resources.IndexFunction;
  const builder = Resources.BuilderFunction;
  assert.equal(index.Type, "AWS::Serverless::Function");
  assert.equal(index.Properties!.PackageType, "Image");
  assert.deepEqual(index.Metadata, builder.Metadata);
  assert.deepEqual(index.Properties!.Architectures, builder.Properties!.Architectures);
  assert.deepEqual(index.Properties!.FunctionUrlConfig, { AuthType: "NONE" });
  const variables = (index.Properties!.Environment as { Variables: Record<string, unknown> })
    .Variables;
  assert.deepEqual(variables, {
    FUNCTION_HANDLER: "index",
    PACKAGE_STORAGE: "s3",
    PACKAGE_BUCKET: { Ref: "BucketName" },
    SPECS_TABLE: { Ref: "SpecsTable" },
    CREDENTIALS_TABLE: { Ref: "CredentialsTable" },
    POWERTOOLS_SERVICE_NAME: "openalchemy-package-index",
  });
  assert.deepEqual(index.Properties!.LoggingConfig, builder.Properties!.LoggingConfig);
});

Deno.test("the index may only read: archives, the bucket listing, spec records, the public key index", async () => {
  const { Resources } = await readTemplate();
  const sub = (text: string) => JSON.stringify({ "Fn::Sub": text });
  assert.deepEqual(
    allowed(Resources.IndexFunction).sort(),
    [
      ["dynamodb:GetItem", JSON.stringify({ "Fn::GetAtt": "SpecsTable.Arn" })],
      ["dynamodb:Query", JSON.stringify({ "Fn::GetAtt": "SpecsTable.Arn" })],
      ["dynamodb:Query", sub("${CredentialsTable.Arn}/index/publicKey")],
      ["s3:GetObject", sub("arn:${AWS::Partition}:s3:::${BucketName}/*.tar.gz")],
      ["s3:GetObject", sub("arn:${AWS::Partition}:s3:::${BucketName}/*.whl")],
      ["s3:ListBucket", sub("arn:${AWS::Partition}:s3:::${BucketName}")],
    ].sort(),
  );
});

Deno.test("only the builder writes packages and spec records; nothing but the CLI touches Credentials", async () => {
  const { Resources } = await readTemplate();
  const functions = Object.entries(Resources).filter(([, resource]) =>
    resource.Type === "AWS::Serverless::Function"
  );
  assert.deepEqual(functions.map(([name]) => name).sort(), ["BuilderFunction", "IndexFunction"]);
  const writes = /^(s3:(Put|Delete)|dynamodb:(Put|Update|Delete|BatchWrite))/;
  for (const [name, resource] of functions) {
    const written = allowed(resource).filter(([action]) => writes.test(action));
    if (name === "IndexFunction") assert.deepEqual(written, [], name);
    for (const [, target] of allowed(resource)) {
      if (name === "BuilderFunction") assert.doesNotMatch(target, /CredentialsTable/);
    }
  }
});
