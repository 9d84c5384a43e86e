import assert from "node:assert/strict";
import type { JsonObject } from "../../../src/json.ts";
import {
  backrefsItems,
  constructables,
  propertiesItems,
  requiredItems,
} from "../../../src/spec/schema/iterate.ts";
import { inheritanceType, retrieveParent } from "../../../src/spec/schema/inheritance.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemas: JsonObject = {
  Base: { type: "object", properties: { created: { type: "string" } }, required: ["created"] },
  Employee: {
    type: "object",
    "x-tablename": "employee",
    properties: { id: { type: "integer" }, kind: { type: "string" } },
    required: ["id"],
  },
  Manager: {
    allOf: [ref("Employee"), ref("Base"), {
      "x-inherits": true,
      "x-tablename": "manager",
      properties: { id: { type: "integer" }, level: { type: "integer" } },
      required: ["level"],
    }],
  },
  Engineer: {
    allOf: [ref("Employee"), {
      "x-inherits": "Employee",
      properties: { skill: { type: "string" } },
    }],
  },
  Alias: ref("Employee"),
  Wrapped: {
    allOf: [{ allOf: [ref("Employee"), { "x-backrefs": { a: { type: "object" } } }] }, {
      "x-backrefs": { a: { type: "array" }, b: { type: "object" } },
    }],
  },
};

Deno.test("models are schemas with a table or inheritance, not aliases", () => {
  assert.deepEqual(constructables(schemas).map(([name]) => name), [
    "Employee",
    "Manager",
    "Engineer",
    "Wrapped",
  ]);
});

Deno.test("properties come local allOf items first, then referenced ones, each name once", () => {
  const manager = schemas.Manager as JsonObject;
  assert.deepEqual(propertiesItems(manager, schemas).map(([name]) => name), [
    "id",
    "level",
    "kind",
    "created",
  ]);
});

Deno.test("stayWithinModel leaves out the parent's properties but not a mixin's", () => {
  const manager = schemas.Manager as JsonObject;
  const names = propertiesItems(manager, schemas, { stayWithinModel: true }).map(([name]) => name);
  assert.deepEqual(names, ["id", "level", "created"]);
});

Deno.test("stayWithinTablename leaves out the parent only for joined-table inheritance", () => {
  const engineer = schemas.Engineer as JsonObject;
  const names = propertiesItems(engineer, schemas, { stayWithinTablename: true })
    .map(([name]) => name);
  assert.deepEqual(names, ["skill", "id", "kind"]);
});

Deno.test("required names gather every required list", () => {
  assert.deepEqual(requiredItems(schemas.Manager as JsonObject, schemas), [
    "level",
    "id",
    "created",
  ]);
});

Deno.test("x-backrefs entries are read once each; an allOf item reaching a $ref is read after plain items", () => {
  // The first allOf item holds a $ref deeper down, so OpenAlchemy reads it last.
  assert.deepEqual(backrefsItems(schemas.Wrapped as JsonObject, schemas), [
    ["a", { type: "array" }],
    ["b", { type: "object" }],
  ]);
});

Deno.test("inheritance: a new table is joined, the parent's table single; the parent is found or checked", () => {
  assert.equal(inheritanceType(schemas.Manager as JsonObject, schemas), "joined");
  assert.equal(inheritanceType(schemas.Engineer as JsonObject, schemas), "single");
  assert.equal(inheritanceType(schemas.Employee as JsonObject, schemas), "none");
  assert.equal(retrieveParent(schemas.Manager as JsonObject, schemas), "Employee");
  assert.equal(retrieveParent(schemas.Engineer as JsonObject, schemas), "Employee");
});
