/** The engine's version, written into every log header; bump it when rules change outcomes. */
export const ENGINE_VERSION = '0.1.0';
