import type { EscalationPolicyInput } from '../../domain/index.ts';

/**
 * The demo's Henan–Shandong deadlines at Liuzhuang. The agreement cited as the source sets compensation, not
 * deadlines: these figures are CHOSEN FOR THE PLATFORM to show a section policy next to the default (level I within
 * half an hour, the joint mechanism half an hour later; II–IV as the default), not taken from the agreement or any
 * regulation. The provinces would replace them with a new version. No joint mechanism id: the meetings service that
 * will own the Henan–Shandong joint mechanism does not exist yet.
 */
export const DEMO_LIUZHUANG_ESCALATION_POLICY: EscalationPolicyInput = {
  policyId: 'yellow-henan-shandong-liuzhuang',
  name: '黄河刘庄断面（豫鲁）预警确认时限 Yellow River Liuzhuang (Henan–Shandong) acknowledgement deadlines',
  sectionIds: ['yellow-liuzhuang'],
  acknowledgeWithinMinutes: { I: 30, II: 60, III: 240, IV: 1440 },
  jointMechanismAfterMinutes: { I: 30, II: 60, III: 240, IV: 1440 },
  source:
    'Henan–Shandong Yellow River horizontal ecological compensation agreement, round 2 (yellow-henan-shandong-r2), as the cooperation framework; ' +
    'the minutes are chosen for the platform (demo data), not figures from the agreement or a regulation',
};
