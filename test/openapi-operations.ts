// The API document's operations as the tests that walk all of them (hostile input, the route matrix) read them: each
// with its parameters and request body schemas, and `resolve` to follow a schema's $ref into the components.
import { type JsonSchema, type OpenApiDocument, openApiDocument } from '../src/openapi-document.js';

const doc = await openApiDocument();
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}
export interface Operation {
  name: string;
  method: string;
  path: string;
  parameters: Parameter[];
  json?: JsonSchema;
  multipart?: JsonSchema;
}

export const OPERATIONS: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => HTTP_METHODS.includes(method))
    .map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content ?? {};
      return {
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Parameter[] | undefined) ?? [],
        json: content['application/json']?.schema,
        multipart: content['multipart/form-data']?.schema,
      };
    }),
);

export const resolve = (s: JsonSchema): JsonSchema => {
  const ref = s.$ref as string | undefined;
  return ref ? resolve((doc as OpenApiDocument).components.schemas[ref.replace('#/components/schemas/', '')]!) : s;
};
