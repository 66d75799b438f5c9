// Writes the schema the gateway serves to gateway/schema.graphql (sorted SDL). A test fails when the committed file
// differs, so run this after changing any module: `npm run -w @xietong/gateway print-schema`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGatewaySchema, printGatewaySchema } from '../src/schema/build-schema.ts';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const { schema } = buildGatewaySchema();
writeFileSync(target, printGatewaySchema(schema));
console.log(`wrote ${target}`);
