// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas, offline, with kubernetes-models:
// required fields, types and formats of every built-in kind. Unknown fields are not its business (the
// strict load with KubernetesClient in the C# tests catches those).
//
//   node validate.mjs FILE...
//
// Prints one line per problem and exits 1 if there is any; prints "validated N documents in M files" and
// exits 0 otherwise. A document of a kind it has no schema for is a problem, not a pass.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import yaml from "js-yaml";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE...");
  process.exit(2);
}

const problems = [];
let documents = 0;

async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9.\-/]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function describe(error) {
  if (Array.isArray(error?.errors) && error.errors.length > 0) {
    return error.errors
      .map((e) => `${e.instancePath || e.dataPath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`)
      .join("; ");
  }
  return String(error?.message ?? error);
}

for (const file of files) {
  let parsed;
  try {
    parsed = yaml.loadAll(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${basename(file)}: not YAML: ${error.message}`);
    continue;
  }

  for (const [index, doc] of parsed.entries()) {
    if (doc === null || doc === undefined) {
      continue;
    }
    documents++;
    const where = `${basename(file)}#${index + 1} ${doc?.kind ?? "?"}/${doc?.metadata?.name ?? "?"}`;
    const Model = await modelFor(doc?.apiVersion, doc?.kind);
    if (Model === undefined) {
      problems.push(`${where}: no schema for apiVersion ${JSON.stringify(doc?.apiVersion)} kind ${JSON.stringify(doc?.kind)}`);
      continue;
    }
    try {
      new Model(doc).validate();
    } catch (error) {
      problems.push(`${where}: ${describe(error)}`);
    }
  }
}

for (const problem of problems) {
  console.log(problem);
}
if (problems.length > 0) {
  console.log(`${problems.length} problem(s) in ${files.length} files`);
  process.exit(1);
}
console.log(`validated ${documents} documents in ${files.length} files`);
