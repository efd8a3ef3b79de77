import { actionMissing } from './actionMissing';
import { actionRunbookOnly } from './actionRunbookOnly';
import { actionVague } from './actionVague';
import type { Check, RunCheck } from './check';
import { coverageNeverFires } from './coverageNeverFires';
import { forMissing } from './forMissing';
import { healthBroken } from './healthBroken';
import { histogramThresholdUnreachable } from './histogramCeiling';
import { noiseEpisodes } from './noiseEpisodes';
import { noiseSmsBudget } from './noiseSmsBudget';
import { promqlSyntax } from './promqlSyntax';
import { reviewDatesMissing, reviewStale } from './reviewStale';
import { routingSeverity } from './routingSeverity';
import { ruleDuplicate } from './ruleDuplicate';
import { ruleInvalid } from './ruleInvalid';
import { shapeNotActionable } from './shapeNotActionable';
import { templateSyntax } from './templateSyntax';

export type { Check, CheckContext, RunCheck } from './check';

/** Every check, in the order findings are listed: actions first, as the creed asks. */
export const ALL_CHECKS: Check[] = [
  actionMissing,
  actionVague,
  actionRunbookOnly,
  routingSeverity,
  forMissing,
  shapeNotActionable,
  noiseEpisodes,
  noiseSmsBudget,
  reviewStale,
  healthBroken,
  coverageNeverFires,
  ruleDuplicate,
  promqlSyntax,
  templateSyntax,
  ruleInvalid,
  histogramThresholdUnreachable,
];

/** Checks on the rule set as a whole: each gives at most one finding for the review. */
export const RUN_CHECKS: RunCheck[] = [reviewDatesMissing];
