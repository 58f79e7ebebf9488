import { z } from 'zod';

/* The closed sets of ids the engine gives meaning to. What each one costs, how long it takes
 * and how strong it is, is scenario data; these lists only name what code understands. */

/** Capabilities the engine knows how to give meaning to; costs and timings are scenario data. */
export const CAPABILITY_IDS = ['versioning', 'evalHarness', 'driftMonitoring', 'lineage', 'playbook', 'onCall', 'redundancy', 'soc2', 'batching', 'flagCleanup'] as const;
/** A capability id as a zod enum. */
export const CapabilityId = z.enum(CAPABILITY_IDS);
/** A capability id. */
export type CapabilityId = z.infer<typeof CapabilityId>;

/** Experiment methods; what each costs and how strong and biased its evidence is, is data. */
export const METHOD_IDS = ['interviews', 'mockupDrop', 'concierge', 'implicitFeedback', 'abTest'] as const;
/** An experiment method id as a zod enum. */
export const MethodId = z.enum(METHOD_IDS);
/** An experiment method id. */
export type MethodId = z.infer<typeof MethodId>;

/** Incident kinds; hazards, downtime and mitigations per kind are data. */
export const INCIDENT_KINDS = ['vectorTimeout', 'promptInjection', 'modelRegression', 'silentDrift', 'hallucination'] as const;
/** An incident kind as a zod enum. */
export const IncidentKind = z.enum(INCIDENT_KINDS);
/** An incident kind. */
export type IncidentKind = z.infer<typeof IncidentKind>;
