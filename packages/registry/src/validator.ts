import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose
// `.default` is the plugin both at run time and in the type declarations.
const addFormats = formatsPlugin.default;

/**
 * Keywords editors read (VS Code's JSON service) that ajv would otherwise reject in strict
 * mode. `errorMessage` and `patternErrorMessage` also word citecheck's own messages, so a
 * schema author writes the friendly text once for both the editor and the command line.
 */
const EDITOR_KEYWORDS = ['errorMessage', 'patternErrorMessage', 'markdownDescription', 'enumDescriptions', 'deprecationMessage', 'defaultSnippets'];

// allErrors so one run reports every mistake; verbose so each error carries the offending
// value and the schema around it, which the messages quote.
const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: true });
addFormats(ajv);
for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword({ keyword });

const compiled = new WeakMap<object, ValidateFunction>();

/** Ajv errors for `value`, or none. Schemas are compiled once and reused by identity or `$id`. */
export function validateAgainst(schema: object, value: unknown): ErrorObject[] {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    const id = (schema as AnySchemaObject).$id;
    // A second copy of an already-compiled schema (same $id) would make ajv throw.
    validate = (typeof id === 'string' ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema as AnySchemaObject);
    compiled.set(schema, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
