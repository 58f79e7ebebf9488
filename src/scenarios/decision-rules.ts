import { z } from 'zod';
import { MAX_PEOPLE, whole } from './bounds.js';

/* The numbers decisions charge and the effects they carry, as scenario data with defaults equal
 * to the values the engine has always used, so files that leave them out keep their meaning. */

/** Focus points and engineer-weeks, bounded like every scenario number (see bounds.ts). */
const count = whole(MAX_PEOPLE, 'points');
const share = z.number().min(0).max(1);

/** PM focus each small decision takes (the larger ones carry their own cost blocks). */
const FocusSchema = z.strictObject({
  firstStrategy: count.default(1).describe('Choosing a segment, paradigm or value proposition for the first time.'),
  killParadigm: count.default(1).describe('Killing a UI paradigm.'),
  gpuReserve: count.default(1).describe('Changing the monthly GPU reservation.'),
  gpuSignoff: count.default(2).describe('Asking the founder to sign off a GPU item.'),
  inferenceMode: count.default(1).describe('Switching a feature between real time and batch.'),
  threshold: count.default(1).describe('Moving the operating threshold.'),
  cadence: count.default(1).describe('Changing the retraining cadence.'),
  labelOrder: count.default(1).describe('Ordering labels from the vendor.'),
  hire: count.default(2).describe('Opening a hire.'),
  release: count.default(2).describe('Letting someone go.'),
  sign: count.default(2).describe('Signing an enterprise contract.'),
  decline: count.default(1).describe('Declining an enterprise offer.'),
  incidentResponse: count.default(1).describe('The bare response to an incident (communication and postmortem cost more).'),
});

/** Engineer-weeks small decisions take this week. */
const EngSchema = z.strictObject({
  paradigmPivot: count.default(1).describe('Rebuilding the interface when the paradigm changes.'),
  inferenceMode: count.default(1).describe('Re-plumbing a feature between real time and batch.'),
  isolatedAbTest: count.default(1).describe('Extra work to isolate the tested variable in an A/B test.'),
});

/** What a pivot costs beyond its cash and focus. */
const PivotSchema = z.strictObject({
  customerLossShare: share.default(0.5).describe('Share of customers lost when the target segment changes.'),
  paradigmTrustShare: share.default(0.5).describe('Share of the pivot trust loss a paradigm change costs.'),
  valuePropTrustShare: share.default(0.5).describe('Share of the pivot trust loss a new promise costs.'),
});

/** How capabilities and choices shape an incident response. */
const ResponseSchema = z.strictObject({
  onCallSpeed: share.default(0.6).describe('Downtime multiplier with an on-call rotation.'),
  redundancySpeed: share.default(0.7).describe('Downtime multiplier with redundant inference.'),
  playbookSpeed: share.default(0.8).describe('Downtime multiplier with an incident playbook.'),
  playbookCommunicateShare: share.default(0.5).describe('Share of the communication focus needed with a playbook (rounded up).'),
  communicatedTrustShare: share.default(0.5).describe('Share of the trust hit left when customers are told.'),
  playbookTrustShare: share.default(0.25).describe('Share of the trust hit left when customers are told from a playbook.'),
});

/** The decision rules block: every number a decision charges or carries. */
export const DecisionRulesSchema = z.strictObject({
  focus: FocusSchema.prefault({}),
  engWeeks: EngSchema.prefault({}),
  pivot: PivotSchema.prefault({}),
  response: ResponseSchema.prefault({}),
});
/** The decision rules as the engine reads them. */
export type DecisionRules = z.infer<typeof DecisionRulesSchema>;
