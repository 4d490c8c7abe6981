// Validates every object in the given YAML files (e.g. `kubectl kustomize` output) against the JSON schema of its
// apiVersion and kind, as compiled from the Kubernetes OpenAPI definitions into the kubernetes-models package:
// required fields, value types, enums and formats. An object of a kind it has no schema for is an error.
// Usage: node validate.mjs FILE...   Exit status 0 when every object is valid, 1 otherwise; one line per object.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let objects = 0;
let invalid = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.log(`${file}: not YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      invalid++;
      continue;
    }

    const object = document.toJS();
    if (object === null || object === undefined) {
      continue;
    }

    objects++;
    const name = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    let model;
    try {
      model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
    } catch {
      console.log(`invalid ${name}: no schema for this apiVersion and kind`);
      invalid++;
      continue;
    }

    try {
      new model(object).validate();
      console.log(`valid ${name}`);
    } catch (error) {
      console.log(`invalid ${name}: ${error.message}`);
      invalid++;
    }
  }
}

console.log(`${objects} objects, ${invalid} invalid`);
process.exit(invalid === 0 && objects > 0 ? 0 : 1);
