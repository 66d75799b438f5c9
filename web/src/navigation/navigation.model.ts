// Navigation by role. Each section names the roles that work in it (access-model.md); the nav shows the sections of
// the user's roles, and the router refuses the others with a "not available to you" page. This only chooses what to
// show: the gateway decides what may be read.
import type { Role } from '../auth/user.model.ts';
import type { Messages } from '../i18n/locales/zh-CN.ts';

/** A section of the app. */
export interface NavSection {
  /** Stable id (used in tests and as a React key). */
  id: string;
  path: string;
  /** Key under `nav` in the locale files. */
  labelKey: keyof Messages['nav'];
  /** Roles that see the section; `all` for every signed-in user. */
  roles: readonly Role[] | 'all';
  /** Not built yet: the page says so instead of showing anything made up. */
  comingSoon: boolean;
}

/** Every section, in navigation order. */
export const NAV_SECTIONS: readonly NavSection[] = [
  { id: 'workbench', path: '/', labelKey: 'workbench', roles: 'all', comingSoon: false },
  // Parties' liaison offices read a case's summary and escalations (access-model.md), so they see the cases too.
  // The national observer reads every pollution record (access-model.md), so it sees these sections too.
  { id: 'pollution-cases', path: '/pollution/cases', labelKey: 'pollutionCases', roles: ['environment', 'liaison', 'observer'], comingSoon: false },
  { id: 'pollution-alerts', path: '/pollution/alerts', labelKey: 'pollutionAlerts', roles: ['environment', 'observer'], comingSoon: false },
  { id: 'pollution-sections', path: '/pollution/sections', labelKey: 'pollutionSections', roles: ['environment', 'observer'], comingSoon: false },
  // Assessments are the parties' environmental bureaus' full content (and the observer's).
  { id: 'pollution-compensation', path: '/pollution/compensation', labelKey: 'pollutionCompensation', roles: ['environment', 'observer'], comingSoon: false },
  { id: 'meetings', path: '/meetings', labelKey: 'meetings', roles: ['liaison'], comingSoon: true },
  { id: 'medical', path: '/medical', labelKey: 'medical', roles: ['medical_insurance'], comingSoon: true },
  { id: 'investment', path: '/investment', labelKey: 'investment', roles: ['investment'], comingSoon: true },
  { id: 'overview', path: '/overview', labelKey: 'overview', roles: ['observer'], comingSoon: true },
  { id: 'reference-data', path: '/admin/reference-data', labelKey: 'referenceData', roles: ['admin'], comingSoon: true },
  { id: 'me', path: '/me', labelKey: 'me', roles: 'all', comingSoon: false },
];

/** Whether a user with these roles may open the section. */
export function canOpen(section: NavSection, roles: readonly Role[]): boolean {
  return section.roles === 'all' || section.roles.some((role) => roles.includes(role));
}

/** The sections a user with these roles sees, in navigation order. */
export function sectionsFor(roles: readonly Role[]): NavSection[] {
  return NAV_SECTIONS.filter((section) => canOpen(section, roles));
}

/** The business sections (not the workbench or the permissions page) a user with these roles sees. */
export function businessSectionsFor(roles: readonly Role[]): NavSection[] {
  return sectionsFor(roles).filter((section) => section.roles !== 'all');
}
