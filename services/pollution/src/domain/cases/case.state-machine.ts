import type { CaseState } from './case.model.ts';

/** The commands that move a case between states. */
export type CaseCommand =
  | 'start-joint-investigation'
  | 'start-joint-enforcement'
  | 'start-remediation'
  | 'close-by-agreement'
  | 'raise-dispute'
  | 'resume-after-mediation'
  | 'close-by-mediation';

/** One allowed move. `to: 'previous'` returns to the state the dispute was raised in. */
export interface CaseTransition {
  /** From state. */
  readonly from: CaseState;
  /** Command. */
  readonly command: CaseCommand;
  /** To state. */
  readonly to: CaseState | 'previous';
}

const DISPUTABLE: readonly CaseState[] = ['under_joint_investigation', 'joint_enforcement', 'remediation'];

// Closing by agreement: from remediation (the normal end), and from reported or under investigation, where the
// parties may find together that there is no cross-boundary pollution to pursue (a false alarm). Never straight from
// joint enforcement: actions under way must first be followed by remediation, or the case goes to mediation.
const CLOSABLE_BY_AGREEMENT: readonly CaseState[] = ['reported', 'under_joint_investigation', 'remediation'];

/** Every allowed transition; anything not listed is refused. */
export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  { from: 'reported', command: 'start-joint-investigation', to: 'under_joint_investigation' },
  { from: 'under_joint_investigation', command: 'start-joint-enforcement', to: 'joint_enforcement' },
  { from: 'joint_enforcement', command: 'start-remediation', to: 'remediation' },
  ...CLOSABLE_BY_AGREEMENT.map((from) => ({ from, command: 'close-by-agreement' as const, to: 'closed' as const })),
  ...DISPUTABLE.map((from) => ({ from, command: 'raise-dispute' as const, to: 'in_mediation' as const })),
  { from: 'in_mediation', command: 'resume-after-mediation', to: 'previous' },
  { from: 'in_mediation', command: 'close-by-mediation', to: 'closed' },
];

/** The transition a command makes from a state, or undefined when it is not allowed. */
export function findTransition(from: CaseState, command: CaseCommand): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((t) => t.from === from && t.command === command);
}

/** The commands allowed in a state (for showing the buttons a user may press). */
export function allowedCommands(state: CaseState): CaseCommand[] {
  return CASE_TRANSITIONS.filter((t) => t.from === state).map((t) => t.command);
}

/** States in which parties may record and amend their enforcement actions. */
export const ENFORCEMENT_STATES: readonly CaseState[] = ['joint_enforcement', 'remediation'];
