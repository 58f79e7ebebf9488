/* Types for seedrandom's alea generator, imported directly so browser builds pull no crypto. */
declare module 'seedrandom/lib/alea' {
  /** A seeded generator of uniforms in [0, 1). */
  export interface AleaPrng {
    (): number;
    int32(): number;
    double(): number;
    quick(): number;
  }
  /** Creates an alea generator from a seed string. */
  export default function alea(seed: string): AleaPrng;
}
