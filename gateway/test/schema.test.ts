import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGatewaySchema, findUnscopedFields, printGatewaySchema, SchemaScopeError } from '../src/schema/build-schema.ts';
import type { GatewayModule } from '../src/schema/gateway-module.ts';
import { GATEWAY_MODULES } from '../src/schema/build-schema.ts';

describe('the schema', () => {
  it('matches the committed gateway/schema.graphql (run `npm run -w @xietong/gateway print-schema` after changing a module)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../schema.graphql', import.meta.url)), 'utf8');
    expect(printGatewaySchema(buildGatewaySchema().schema)).toBe(committed);
  });

  it('states auth scopes on every object type and root field', () => {
    expect(findUnscopedFields(buildGatewaySchema().schema)).toEqual([]);
  });

  it('refuses a module with an unscoped field or type, naming each', () => {
    const careless: GatewayModule = {
      name: 'careless',
      register(builder) {
        const Thing = builder.objectRef<{ id: string }>('Thing').implement({ fields: (t) => ({ id: t.exposeID('id') }) });
        builder.queryField('thing', (t) => t.field({ type: Thing, resolve: () => ({ id: '1' }) }));
      },
    };
    let error: unknown;
    try {
      buildGatewaySchema([...GATEWAY_MODULES, careless]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SchemaScopeError);
    expect([...(error as SchemaScopeError).problems].sort()).toEqual(['field Query.thing has no authScopes', 'type Thing has no authScopes']);
  });

  it('refuses two modules with one name', () => {
    expect(() => buildGatewaySchema([...GATEWAY_MODULES, { name: 'me', register: () => {} }])).toThrow(/two gateway modules are named me/);
  });
});
