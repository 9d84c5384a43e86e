/**
 * Generated specs of N models with simple columns, for benchmarks.
 *
 * @module
 */

/** A spec of `count` models, each with an id and six simple columns. */
export function generatedSpec(count: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    schemas[`Model${index}`] = {
      description: `Generated model number ${index}.`,
      type: "object",
      "x-tablename": `model_${index}`,
      properties: {
        id: { type: "integer", format: "int64", "x-primary-key": true, description: "Id." },
        name: { type: "string", maxLength: 80, "x-index": true, description: "Name." },
        code: { type: "string", "x-unique": true },
        amount: { type: "number", format: "float", nullable: true },
        active: { type: "boolean", default: true },
        created: { type: "string", format: "date-time" },
        size: { type: "integer", format: "int32", nullable: true },
      },
      required: ["name", "code"],
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: `Generated (${count} models)`, version: "1.0.0" },
    paths: {},
    components: { schemas },
  };
}
