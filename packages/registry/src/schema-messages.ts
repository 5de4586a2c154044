import type { AnySchemaObject, ErrorObject } from 'ajv';
import type { PathSegment } from './data-error.js';
import type { OffsetRange } from './parsed-data.js';
import { closestName } from '@citecheck/model';
import { type DescribePath, describeValue, isRecord, placeLabel, typeOf, typeWords } from './wording.js';

export interface MessageContext {
  root: unknown;
  format: 'json' | 'yaml';
  locate(path: readonly PathSegment[], part?: 'value' | 'key'): OffsetRange;
  describePath?: DescribePath;
  /** Said after messages about the file's overall shape: what a valid file looks like. */
  shapeHint?: string;
}

export interface WordedProblem {
  message: string;
  offset: number;
}

/** Keywords about an object's fields, as opposed to the value itself. */
const OBJECT_KEYWORDS = new Set(['required', 'additionalProperties', 'propertyNames', 'dependencies', 'dependentRequired', 'unevaluatedProperties']);

const FORMAT_WORDS: Record<string, string> = {
  uri: 'a full web address like https://example.org/page',
  iri: 'a full web address like https://example.org/page',
  url: 'a full web address like https://example.org/page',
  'uri-reference': 'a web address or a path',
  date: 'a date like 2021-05-01',
  'date-time': 'a date and time like 2021-05-01T12:00:00Z',
  time: 'a time like 12:00:00',
  email: 'an email address',
  hostname: 'a host name like example.org',
  uuid: 'a UUID',
};

/**
 * Ajv's errors reworded for a person: what is wrong, about which value, and what would be
 * right. Ajv's own text ("must have required property 'id'") never reaches the user.
 */
export function wordSchemaErrors(errors: readonly ErrorObject[], context: MessageContext): WordedProblem[] {
  const problems: WordedProblem[] = [];
  const valueProblemAt = new Set<string>();
  for (const error of relevant(errors)) {
    const path = toPath(error.instancePath, context.root);
    const isValueProblem = !OBJECT_KEYWORDS.has(error.keyword);
    // One message per value: `"" ` failing both minLength and pattern is one mistake.
    if (isValueProblem && valueProblemAt.has(error.instancePath)) continue;
    if (isValueProblem) valueProblemAt.add(error.instancePath);
    problems.push(word(error, path, context));
  }
  return problems;
}

/** Drops the per-branch errors under a failed anyOf/oneOf, and the echo of a failed if/then. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const branches = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => e.keyword !== 'if' && !branches.some((prefix) => e.schemaPath.startsWith(prefix)));
}

function toPath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      path.push(Number(segment));
      value = value[Number(segment)];
    } else {
      path.push(segment);
      value = isRecord(value) ? value[segment] : undefined;
    }
  }
  return path;
}

function word(error: ErrorObject, path: PathSegment[], context: MessageContext): WordedProblem {
  const label = placeLabel(path, context.root, context.describePath);
  const parent: AnySchemaObject = error.parentSchema ?? {};
  const params = error.params as Record<string, unknown>;
  const at = (message: string, range: OffsetRange = context.locate(path)): WordedProblem => ({ message, offset: range.start });
  const inside = label === '' ? '' : `${label}: `;

  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const property: unknown = isRecord(parent.properties) ? parent.properties[missing] : undefined;
      const noun = isRecord(property) && property.type === 'array' ? ' list' : '';
      const hint = label === '' && context.shapeHint ? `; ${context.shapeHint}` : '';
      return at(`${label === '' ? 'the file' : label} has no "${missing}"${noun}${hint}`);
    }
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = isRecord(parent.properties) ? Object.keys(parent.properties) : [];
      const guess = closestName(field, known);
      const advice = guess !== undefined ? ` (did you mean "${guess}"?)` : known.length > 0 ? `; the known fields are ${known.join(', ')}` : '';
      const where = label === '' ? ' at the top of the file' : '';
      return at(`${inside}unknown field "${field}"${where}${advice}`, context.locate([...path, field], 'key'));
    }
    case 'propertyNames':
      return at(`${inside}the field name "${String(params.propertyName)}" is not allowed`, context.locate([...path, String(params.propertyName)], 'key'));
    case 'dependencies':
    case 'dependentRequired':
      return at(`${label === '' ? 'the file' : label} has "${String(params.property)}" but no "${String(params.missingProperty)}"`);
  }

  const subject = label === '' ? 'the file' : label;
  // A file that is not a registry at all may be anything (a password file named by mistake or
  // on purpose): at the top, say what kind of value it holds, never what it says.
  const got = label === '' ? `got ${typeWords([typeOf(error.data)])}` : `got ${describeValue(error.data)}`;
  const custom = typeof parent.errorMessage === 'string' ? parent.errorMessage : undefined;
  if (custom !== undefined) return at(`${subject} ${custom}, ${got}`);

  switch (error.keyword) {
    case 'type': {
      const expected = Array.isArray(params.type) ? params.type.map(String) : String(params.type).split(',');
      if (label === '') {
        const hint = context.shapeHint ? `; ${context.shapeHint}` : '';
        return at(`the file must hold ${typeWords(expected)}, ${got}${hint}`);
      }
      const actual = typeOf(error.data);
      const noun = actual === 'integer' || actual === 'number' ? ' (a number)' : actual === 'boolean' ? ' (a yes/no value)' : '';
      // YAML reads 1984, yes and 2021 as numbers or booleans; quoting is the fix people need.
      const quote = context.format === 'yaml' && expected.includes('string') && noun !== '' ? '; in YAML, put it in quotes' : '';
      return at(`${subject} must be ${typeWords(expected)}, ${got}${noun}${quote}`);
    }
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      const names = allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      const guess = typeof error.data === 'string' ? closestName(error.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return at(`${subject} must be one of: ${names.join(', ')}; ${got}${guess !== undefined ? ` (did you mean "${guess}"?)` : ''}`);
    }
    case 'const':
      return at(`${subject} must be ${JSON.stringify(params.allowedValue)}, ${got}`);
    case 'format': {
      const format = String(params.format);
      return at(`${subject} must be ${FORMAT_WORDS[format] ?? `a valid ${format}`}, ${got}`);
    }
    case 'pattern': {
      const wording = typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match the pattern ${String(params.pattern)}`;
      return at(`${subject} ${wording}, ${got}`);
    }
    case 'minLength':
      return at(params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${String(params.limit)} characters long, ${got}`);
    case 'maxLength':
      return at(`${subject} must be at most ${String(params.limit)} characters long, got ${String(error.data).length}`);
    case 'minimum':
      return at(`${subject} must be at least ${String(params.limit)}, ${got}`);
    case 'maximum':
      return at(`${subject} must be at most ${String(params.limit)}, ${got}`);
    case 'exclusiveMinimum':
      return at(`${subject} must be more than ${String(params.limit)}, ${got}`);
    case 'exclusiveMaximum':
      return at(`${subject} must be less than ${String(params.limit)}, ${got}`);
    case 'multipleOf':
      return at(`${subject} must be a multiple of ${String(params.multipleOf)}, ${got}`);
    case 'minItems':
      return at(params.limit === 1 ? `${subject} must not be an empty list` : `${subject} must have at least ${String(params.limit)} items`);
    case 'maxItems':
      return at(`${subject} must have at most ${String(params.limit)} items`);
    case 'uniqueItems': {
      // Ajv's i is the later copy and j the earlier one; point at the copy to delete.
      const [earlier, later] = [Number(params.j), Number(params.i)];
      return at(`${subject} has the same item twice (#${earlier + 1} and #${later + 1})`, context.locate([...path, later]));
    }
    case 'minProperties':
      return at(`${subject} must have at least ${String(params.limit)} fields`);
    case 'maxProperties':
      return at(`${subject} must have at most ${String(params.limit)} fields`);
    case 'anyOf':
      return at(`${subject} does not match any of the allowed forms, ${got}`);
    case 'oneOf':
      return at(params.passingSchemas ? `${subject} matches more than one of the allowed forms` : `${subject} does not match any of the allowed forms, ${got}`);
    case 'not':
      return at(`${subject} is not allowed to be ${describeValue(error.data)}`);
    default:
      return at(`${subject} breaks the schema's "${error.keyword}" rule`);
  }
}
