import type { Caller } from '../../application/shared/ports.ts';

// The demo users the scenario is recorded under: the same subjects, usernames, provinces and agencies as in
// infra/identity/data/demo-realm.json (a test holds the two together), so a demo user signing in sees their own
// province's alerts, acknowledgements and enforcement actions as theirs.

/** Henan's environmental bureau (河南省生态环境厅). */
export const HENAN_ENVIRONMENT: Caller = {
  subject: '2f937fc8-b0d3-4fb9-8601-8a09dea39858',
  username: 'henan.environment',
  province: '410000',
  agency: '河南省生态环境厅',
  roles: ['environment'],
};

/** Shandong's environmental bureau (山东省生态环境厅). */
export const SHANDONG_ENVIRONMENT: Caller = {
  subject: 'ba78f5a8-fa1c-4dd5-94ae-d31905c06e60',
  username: 'shandong.environment',
  province: '370000',
  agency: '山东省生态环境厅',
  roles: ['environment'],
};

/** The platform administrator (国家信息中心), who records escalation policies. */
export const PLATFORM_ADMIN: Caller = {
  subject: 'c060f94d-cfa6-42a2-a7c4-70216fee2a77',
  username: 'platform.admin',
  province: '000000',
  agency: '国家信息中心',
  roles: ['admin'],
};

/** Every demo actor the scenario uses. */
export const DEMO_ACTORS: readonly Caller[] = [HENAN_ENVIRONMENT, SHANDONG_ENVIRONMENT, PLATFORM_ADMIN];
