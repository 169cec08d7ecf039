// Validates HTTP requests our gateway adapters sent against the providers' published OpenAPI
// specs: the operation must exist for the method and path, every query parameter must be declared
// and valid, and the body must match the operation's request schema for its content type.
//
//   node validate.mjs <specs-dir> <requests.json>
//
// requests.json: [{"provider": "stripe"|"paypal", "method", "path", "query", "contentType", "body"}]
// Prints one JSON line per request: {"index", "operation", "errors": [...]} and exits 0 (the caller
// asserts on the errors; a crash exits non-zero).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import yaml from "js-yaml";

const [specsDir, requestsFile] = process.argv.slice(2);
if (!specsDir || !requestsFile) {
  console.error("usage: node validate.mjs <specs-dir> <requests.json>");
  process.exit(2);
}

const requests = JSON.parse(readFileSync(requestsFile, "utf8"));
const providers = new Set(requests.map((r) => r.provider));

const specs = {};
if (providers.has("stripe")) {
  specs.stripe = [yaml.load(readFileSync(join(specsDir, "stripe", "spec3.yaml"), "utf8"), { schema: yaml.JSON_SCHEMA })];
}
if (providers.has("paypal")) {
  specs.paypal = ["checkout_orders_v2.json", "payments_payment_v2.json", "notifications_webhooks_v1.json", "vault_payment_tokens_v3.json"].map((f) =>
    JSON.parse(readFileSync(join(specsDir, "paypal", f), "utf8")),
  );
}

// OpenAPI 3.0 schemas: ajv in non-strict mode ignores the OpenAPI-only keywords (example, x-*),
// understands nullable, and coerces the strings of a form body and a query to the declared types.
// PayPal's patterns are written for non-Unicode regular expressions (lone brackets in its email pattern).
// Only form bodies and queries are strings to coerce: a JSON body is checked as sent.
const validators = [false, "array"].map((coerceTypes) => {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, logger: false, discriminator: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv;
});
const [strictAjv, coercingAjv] = validators;
function schemaId(provider, index) {
  const id = `${provider}-${index}`;
  for (const ajv of validators) {
    if (!ajv.getSchema(id)) ajv.addSchema(specs[provider][index], id);
  }
  return id;
}
const pointer = (segments) => "#/" + segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

function findOperation(provider, method, path) {
  const list = specs[provider] ?? [];
  for (let i = 0; i < list.length; i++) {
    for (const [template, ops] of Object.entries(list[i].paths)) {
      const re = new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "[^/]+") + "$");
      if (re.test(path) && ops[method.toLowerCase()]) {
        return { index: i, template, op: ops[method.toLowerCase()], pathItem: ops };
      }
    }
  }
  return null;
}

// metadata[order]=1&items[0][a]=b&expand[]=x -> {metadata: {order: "1"}, items: [{a: "b"}], expand: ["x"]}
function decodeForm(text) {
  const root = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const segments = [];
    const m = rawKey.match(/^([^[]+)(.*)$/);
    segments.push(m[1]);
    for (const part of m[2].matchAll(/\[([^\]]*)\]/g)) segments.push(part[1]);
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const key = segments[i];
      const last = i === segments.length - 1;
      const nextIsIndex = !last && (segments[i + 1] === "" || /^\d+$/.test(segments[i + 1]));
      if (Array.isArray(node)) {
        const idx = key === "" ? node.length : Number(key);
        if (last) node[idx] = value;
        else node = node[idx] ??= nextIsIndex ? [] : {};
      } else if (last) {
        node[key] = value;
      } else {
        node = node[key] ??= nextIsIndex ? [] : {};
      }
    }
  }
  return root;
}

function resolve(doc, node) {
  while (node && node.$ref) {
    node = node.$ref.replace(/^#\//, "").split("/").reduce((n, s) => n?.[s.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return node;
}

// ajv's coercion turns "10.00" into the integer 10; a form integer must be digits only, as Stripe parses it.
function formIntegers(doc, schema, data, path, errors) {
  schema = resolve(doc, schema);
  if (!schema || data === undefined || data === null) return;
  const branches = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map((b) => resolve(doc, b));
  if (typeof data === "string") {
    const integerOnly = branches.some((b) => b.type === "integer") && !branches.some((b) => b.type === "string" || b.type === "number");
    if (integerOnly && !/^-?\d+$/.test(data)) errors.push(`body${path}: '${data}' is not an integer`);
    return;
  }
  for (const b of branches) {
    if (b.properties && typeof data === "object" && !Array.isArray(data)) {
      for (const [k, v] of Object.entries(data)) if (b.properties[k]) formIntegers(doc, b.properties[k], v, `${path}/${k}`, errors);
    }
    if (b.items && Array.isArray(data)) data.forEach((v, i) => formIntegers(doc, b.items, v, `${path}/${i}`, errors));
  }
}

function validateRequest(r) {
  const errors = [];
  const found = findOperation(r.provider, r.method, r.path);
  if (!found) {
    return { operation: null, errors: [`no ${r.method} ${r.path} in the ${r.provider} spec`] };
  }
  const { index, template, op, pathItem } = found;
  const doc = specs[r.provider][index];
  const id = schemaId(r.provider, index);
  const method = r.method.toLowerCase();

  // Query parameters: each one must be declared (form-style keys like expand[] count as "expand").
  const parameters = [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(doc, p));
  const query = new URLSearchParams(r.query ?? "");
  for (const name of new Set([...query.keys()])) {
    const base = name.replace(/\[.*$/, "");
    const declared = parameters.find((p) => p.in === "query" && p.name === base);
    if (!declared) {
      errors.push(`query parameter '${name}' is not declared`);
      continue;
    }
    if (declared.schema) {
      const values = query.getAll(name);
      const data = { v: declared.schema.type === "array" ? values : values[0] };
      const validate = coercingAjv.compile({ type: "object", properties: { v: { $ref: `${id}${pointer(["paths", template, method, "parameters", (op.parameters ?? []).findIndex((p) => resolve(doc, p) === declared), "schema"])}` } } });
      if (!validate(data)) errors.push(...validate.errors.map((e) => `query ${name}: ${e.instancePath} ${e.message}`));
    }
  }
  for (const p of parameters.filter((p) => p.in === "query" && p.required)) {
    if (!query.has(p.name)) errors.push(`required query parameter '${p.name}' is missing`);
  }

  const requestBody = resolve(doc, op.requestBody);
  const hasBody = typeof r.body === "string" && r.body.length > 0;
  if (!requestBody) {
    if (hasBody && r.provider !== "stripe") errors.push("the operation takes no body");
    if (hasBody && r.provider === "stripe" && Object.keys(decodeForm(r.body)).length > 0) errors.push("the operation takes no body");
    return { operation: op.operationId ?? `${method} ${template}`, errors };
  }
  if (!hasBody) {
    if (requestBody.required) errors.push("the body is required");
    return { operation: op.operationId, errors };
  }
  const contentType = (r.contentType ?? "").split(";")[0].trim();
  const media = requestBody.content?.[contentType];
  if (!media) {
    errors.push(`content type '${contentType}' is not one of ${Object.keys(requestBody.content ?? {}).join(", ")}`);
    return { operation: op.operationId, errors };
  }
  if (!hasBody) {
    if (requestBody.required) errors.push("the body is required");
    return { operation: op.operationId, errors };
  }
  let data;
  try {
    data = contentType === "application/x-www-form-urlencoded" ? decodeForm(r.body) : JSON.parse(r.body);
  } catch (e) {
    errors.push(`the body does not parse as ${contentType}: ${e.message}`);
    return { operation: op.operationId, errors };
  }
  const ref = op.requestBody.$ref
    ? `${id}${op.requestBody.$ref.replace(/^#/, "")}` + pointer(["content", contentType, "schema"]).slice(1)
    : `${id}${pointer(["paths", template, method, "requestBody", "content", contentType, "schema"])}`;
  if (contentType === "application/x-www-form-urlencoded") {
    formIntegers(doc, media.schema, data, "", errors);
  }
  const validate = (contentType === "application/json" ? strictAjv : coercingAjv).compile({ $ref: ref });
  if (!validate(data)) {
    errors.push(...validate.errors.map((e) => `body${e.instancePath}: ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ""}`));
  }
  return { operation: op.operationId, errors };
}

requests.forEach((r, index) => {
  let result;
  try {
    result = validateRequest(r);
  } catch (e) {
    result = { operation: null, errors: [`validator error: ${e.message}`] };
  }
  console.log(JSON.stringify({ index, ...result }));
});
