/* Canonical JSON and SHA-256 for the engine (checkpoints, log facts). The code lives in the
 * scenarios layer, which the engine may import and which must not import the engine. */

/** Canonical JSON, SHA-256 and the value hash checkpoints and scenario pins record. */
export { canonicalJson, hashOf, sha256Hex } from '../scenarios/hash.js';
