// The registry: every component `npm start` runs. Adding a service, the gateway or the web app is one line in the
// list below (a new service's port goes in config.ts's PORT_VARIABLES if it is not there yet):
//
//   p.nodeService({ name: 'pollution', workspace: 'services/pollution', port: p.ports.pollution, database: 'pollution' }),
//   p.gateway({ workspace: 'gateway', port: p.ports.gateway }),
//   p.webApp({ workspace: 'web', port: p.ports.web }),
//
// Services come before the gateway (it is given every service's URL and waits for them), the web app last. Start
// order follows the dependencies each builder declares: postgres, kafka and identity first, then the services, the
// gateway and the web app; shutdown runs in reverse. What each builder hands its process: component.factories.ts.
import path from 'node:path';
import type { ComponentSpec } from './component.types.ts';
import { REPO_ROOT } from './config.ts';
import type { PlatformFactory } from './component.factories.ts';

/** The platform's components, built with the factory's builders. */
export function platformComponents(p: PlatformFactory): ComponentSpec[] {
  return [
    p.postgres(),
    p.kafka(),
    p.identity(),
    // Services, one line each, then the gateway, then the web app.
    p.nodeService({ name: 'pollution', workspace: 'services/pollution', port: p.ports.pollution, database: 'pollution', env: { SEED_DEMO_DATA: 'true' } }),
    p.gateway({
      workspace: 'gateway',
      port: p.ports.gateway,
      // The web app's registered operations: the browser sends only their hashes.
      env: { GATEWAY_PERSISTED_OPERATIONS_FILE: path.join(REPO_ROOT, 'web/src/generated/gql/persisted-documents.json') },
    }),
    p.webApp({ workspace: 'web', port: p.ports.web }),
  ];
}
