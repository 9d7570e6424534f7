// Writes the API document the web client is generated from: npm run api:doc
import fs from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../src/openapi-document.js';

const target = path.resolve('web/src/api/openapi.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
console.log(`已写入 ${path.relative(process.cwd(), target)}`);
