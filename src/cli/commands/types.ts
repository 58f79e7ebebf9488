/* What a command reports back to main.ts when it has finished. */

/** Called by a command's action with the exit code it wants. */
export type Finish = (code: number) => void;
