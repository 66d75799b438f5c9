import type { CaseSummaryView, PollutionCase } from '../../domain/index.ts';

/** A case as a caller may see it: everything, or the summary a party's liaison office reads. */
export type CaseReadModel = ({ readonly view: 'full' } & PollutionCase) | CaseSummaryView;
