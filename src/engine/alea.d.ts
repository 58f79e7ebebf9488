/* Types for seedrandom's alea generator, imported directly so browser builds pull no crypto. */
declare module 'seedrandom/lib/alea' {
  /** The generator's internal state: three lags and a carry. */
  export interface AleaState {
    s0: number;
    s1: number;
    s2: number;
    c: number;
  }
  /** A seeded generator of uniforms in [0, 1). */
  export interface AleaPrng {
    (): number;
    int32(): number;
    double(): number;
    quick(): number;
  }
  /** A generator that can also report its state. */
  export interface AleaPrngWithState extends AleaPrng {
    state(): AleaState;
  }
  /** Creates an alea generator from a seed string (with `{ state: true }`, one that reports its state). */
  export default function alea(seed: string, opts: { state: true }): AleaPrngWithState;
  export default function alea(seed: string, opts?: { state?: boolean }): AleaPrng;
}
