#!/usr/bin/env node
// `npm start`: the browser game is not built yet. Say so plainly and show how to play headless.
const lines = [
  'Phase Shift: the browser game is not built yet, so `npm start` has nothing to open.',
  '',
  'You can already play headless with the command line:',
  '  npx phase-shift scenarios                       list the bundled scenarios',
  '  npx phase-shift play --scenario devtools-codegen --seed demo --bot phase-aware --out demo.jsonl',
  '                                                  a bot plays a whole game; the log is saved',
  '  npx phase-shift verify demo.jsonl               re-simulate the log and check every line',
  '  npx phase-shift replay demo.jsonl --week 20     the state after week 20',
  '  npx phase-shift --help                          every command and option',
  '',
  '(`npm run cli -- <command> ...` works too.)',
];
process.stdout.write(`${lines.join('\n')}\n`);
