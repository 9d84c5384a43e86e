/**
 * Artifacts of a back reference written as a property (a `readOnly` object or array),
 * as OpenAlchemy 2.5 `schemas/artifacts/property_/backref.py` records them.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { SchemaProblem } from "../schema/peek.ts";
import { propertiesItems } from "../schema/iterate.ts";
import { withoutExtensions } from "./json.ts";
import { prepareDeep } from "../schema/merge.ts";
import { objectKey, stringKey, typeOf } from "../schema/values.ts";
import { defined } from "./simple.ts";
import type { BackrefPropertyArtifacts } from "./types.ts";

/** The artifacts of a `readOnly` object or array property. */
export function backrefArtifacts(schema: JsonObject, schemas: Schemas): BackrefPropertyArtifacts {
  const prepared = prepareDeep(schema, schemas);
  const type = typeOf(prepared, schemas);
  if (type !== "object" && type !== "array") {
    throw new SchemaProblem("a back reference must be an object or an array");
  }
  const description = stringKey("description")(prepared, schemas);
  const items = objectKey("items")(prepared, schemas);
  const holder = type === "object" ? prepared : items ?? {};
  const properties = propertiesItems(holder, schemas).map(([name]) => name);

  const cleaned = withoutExtensions(prepared);
  if (type === "array" && isJsonObject(cleaned.items)) {
    cleaned.items = withoutNestedExtensions(withoutExtensions(cleaned.items));
  } else if (type === "object") {
    Object.assign(cleaned, withoutNestedExtensions(cleaned));
  }
  return {
    type: "backref",
    ...defined({ description }),
    subType: type,
    schema: cleaned,
    properties,
  };
}

/** A copy whose `properties` each lose their top-level `x-…` keys. */
function withoutNestedExtensions(schema: JsonObject): JsonObject {
  if (!isJsonObject(schema.properties)) return schema;
  const properties: JsonObject = {};
  for (const [name, value] of Object.entries(schema.properties)) {
    properties[name] = isJsonObject(value) ? withoutExtensions(value) : value;
  }
  return { ...schema, properties };
}
