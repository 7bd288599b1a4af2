// The OpenAPI document the app serves at /openapi.json, read into what the /api page shows: operations grouped by tag,
// each schema summed up as a short type ("integer 1–50", "need | idea | feature"), and a curl example per operation.
// Made from the live document, so the page can never describe an API the app does not have.

/** The little of JSON Schema the document uses (TypeBox writes it): enough to describe a field to a person. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info?: { title?: string; version?: string };
  servers?: { url: string }[];
  paths?: Record<string, Record<string, OpenApiOperation>>;
}

export interface Field {
  name: string;
  /** path, query, header or cookie for a parameter; body for a field of the request body */
  in: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface Operation {
  /** the anchor of its section, unique on the page */
  id: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  authenticated: boolean;
  parameters: Field[];
  bodyType?: string;
  body: Field[];
  responses: { status: string; description?: string }[];
  curl: string;
}

export interface Tag {
  id: string;
  name: string;
  operations: Operation[];
}

export interface ApiDocs {
  title: string;
  version: string;
  /** where /api/v1 is served, from the document's first server */
  baseUrl: string;
  tags: Tag[];
  /** every path the document lists, in its order */
  paths: string[];
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];
/** What @fastify/swagger writes for a response the route did not describe: it says nothing, so the page says nothing. */
const placeholderDescription = 'Default Response';

const anchor = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function variants(schema: JsonSchema): JsonSchema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

function bounds(low: number | undefined, high: number | undefined): string {
  if (low !== undefined && high !== undefined) return `${low}–${high}`;
  if (low !== undefined) return `≥ ${low}`;
  return high !== undefined ? `≤ ${high}` : '';
}

/** Lengths by JSON Schema's own names, which read the same in every language. */
function lengths(min: number | undefined, max: number | undefined): string {
  return [min !== undefined ? `minLength ${min}` : '', max !== undefined ? `maxLength ${max}` : ''].filter(Boolean).join(', ');
}

/** A schema in a few words: its type, the values it allows and its limits. */
export function describeType(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  const choices = variants(schema);
  if (choices) {
    const values = choices.flatMap((c) => c.enum ?? (c.const !== undefined ? [c.const] : []));
    if (values.length === choices.length) return values.map((v) => String(v)).join(' | ');
    return choices.map((c) => describeType(c)).join(' | ');
  }
  if (schema.enum) return schema.enum.map((v) => String(v)).join(' | ');
  if (schema.const !== undefined) return String(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  if (type === 'array') {
    const max = schema.maxItems !== undefined ? ` (maxItems ${schema.maxItems})` : '';
    return `${describeType(schema.items)}[]${max}`;
  }
  const limits = [
    schema.format,
    type === 'string' ? lengths(schema.minLength, schema.maxLength) : bounds(schema.minimum, schema.maximum),
    schema.pattern ? `/${schema.pattern}/` : '',
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '',
  ].filter(Boolean);
  return limits.length ? `${type} (${limits.join(', ')})` : type;
}

/** The fields of a request body, nested ones written `parent.child` and array items `list[].child`, a few levels deep. */
function bodyFields(schema: JsonSchema | undefined, prefix = '', depth = 0): Field[] {
  if (!schema?.properties || depth > 3) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).flatMap(([name, field]) => {
    const full = `${prefix}${name}`;
    const own: Field = { name: full, in: 'body', type: describeType(field), required: required.has(name), description: field.description };
    const inner = field.type === 'array' ? bodyFields(field.items, `${full}[].`, depth + 1) : bodyFields(field, `${full}.`, depth + 1);
    return [own, ...inner];
  });
}

/** A value that fits the schema well enough to show the shape of a request. */
function example(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (schema.default !== undefined) return schema.default;
  const choices = variants(schema);
  if (choices?.[0]) return example(choices.find((c) => c.type !== 'null') ?? choices[0], depth + 1);
  if (schema.enum) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  switch (Array.isArray(schema.type) ? schema.type[0] : schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [example(schema.items, depth + 1)];
    case 'object': {
      const required = schema.required ?? [];
      return Object.fromEntries(required.map((name) => [name, example(schema.properties?.[name], depth + 1)]));
    }
    default:
      if (schema.format === 'date-time') return '2026-01-15T09:00:00Z';
      if (schema.format === 'date') return '2026-01-15';
      if (schema.format === 'email') return 'someone@example.org';
      if (schema.format === 'uri') return 'https://example.org';
      return 'text';
  }
}

/** A path parameter in a copy-pasted command: integers as 1, names as a shell variable to set first (`$SLUG`). */
function pathExample(parameter: OpenApiParameter | undefined, name: string): string {
  const type = parameter?.schema?.type;
  return type === 'integer' || type === 'number' ? '1' : `$${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

function curlFor(baseUrl: string, method: string, path: string, op: OpenApiOperation, authenticated: boolean, bodySchema: JsonSchema | undefined): string {
  const params = op.parameters ?? [];
  const filled = path.replace(/\{([^}]+)\}/g, (_m, name: string) => pathExample(params.find((p) => p.in === 'path' && p.name === name), name));
  const query = params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(example(p.schema)))}`)
    .join('&');
  const parts = ['curl'];
  if (method !== 'GET' && !bodySchema) parts.push(`-X ${method}`);
  if (authenticated) parts.push('-H "Authorization: Bearer $PARVIS_TOKEN"');
  if (bodySchema) parts.push("-H 'content-type: application/json'", `-d '${JSON.stringify(example(bodySchema)).replace(/'/g, "'\\''")}'`);
  parts.push(`"${baseUrl}${filled}${query ? `?${query}` : ''}"`);
  return parts.join(' \\\n  ');
}

function operationOf(baseUrl: string, method: string, path: string, op: OpenApiOperation): Operation {
  const authenticated = (op.security ?? []).length > 0;
  const content = op.requestBody?.content ?? {};
  const [bodyType] = Object.keys(content);
  const bodySchema = bodyType ? content[bodyType]?.schema : undefined;
  const upper = method.toUpperCase();
  return {
    id: `op-${anchor(`${method} ${path}`)}`,
    method: upper,
    path,
    summary: op.summary,
    description: op.description,
    authenticated,
    parameters: (op.parameters ?? [])
      .map((p) => ({ name: p.name, in: p.in, type: describeType(p.schema), required: p.required ?? false, description: p.description }))
      .sort((a, b) => Number(b.in === 'path') - Number(a.in === 'path')),
    bodyType,
    body: bodyFields(bodySchema),
    responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description === placeholderDescription ? undefined : r.description })),
    curl: curlFor(baseUrl, upper, path, op, authenticated, bodySchema),
  };
}

export function readApiDocs(doc: OpenApiDocument): ApiDocs {
  const baseUrl = (doc.servers?.[0]?.url ?? '').replace(/\/$/, '');
  const tags = new Map<string, Tag>();
  const paths: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    paths.push(path);
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const name = op.tags?.[0] ?? 'other';
      let tag = tags.get(name);
      if (!tag) tags.set(name, (tag = { id: `tag-${anchor(name)}`, name, operations: [] }));
      tag.operations.push(operationOf(baseUrl, method, path, op));
    }
  }
  return { title: doc.info?.title ?? 'API', version: doc.info?.version ?? '', baseUrl, tags: [...tags.values()], paths };
}
