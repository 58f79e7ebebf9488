import { z } from 'zod';
import { getScenario, olderVersionNote, scenarioFor, scenarioIds } from '../scenarios/registry.js';
import { MAX_LOG_BYTES, parseLog } from '../engine/log/parse.js';
import { scenarioMismatch, verify } from '../engine/log/replay.js';
import { isDecisionLine } from '../engine/log/format.js';
import type { Decision } from '../engine/decisions.js';
import { esc } from './format.js';
import { codeQuery, paramsQuery, resolveWorkshopCode, shareCode } from './params.js';
import { writeSave } from './session.js';
import { extendsDecisions, listBackups, readSlot } from './save-store.js';
import { playerProblem } from './save-format.js';
import { confirmDialog, downloadText } from './save-dialogs.js';

/* The new-game screen: pick a scenario, type or roll a seed, name yourself, start — or join with
 * a workshop code, share one, or open a game log to continue it. */

const roll = () => `${['amber', 'cobalt', 'fern', 'quartz', 'ember', 'tide', 'slate', 'lumen'][Math.floor(Math.random() * 8)]}-${Math.floor(Math.random() * 9000 + 1000)}`;

/** Layout of the workshop and log panels (scoped to this screen). */
const STYLE = `<style>
.ws { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 12px; margin: 0 0 22px; }
.ws section { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px; min-width: 0; }
.ws h2 { font-size: 14px; margin: 0 0 8px; }
.ws label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted); }
.ws .row { display: flex; gap: 8px; align-items: center; margin-top: 6px; }
.ws input[type=text] { flex: 1; min-width: 0; background: transparent; color: inherit; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; font-family: ui-monospace, monospace; }
.ws input[type=file] { font-size: 12.5px; color: var(--muted); max-width: 100%; }
.ws input[type=file]::file-selector-button { background: transparent; color: inherit; border: 1px solid var(--line); border-radius: 8px; padding: 6px 10px; margin-right: 8px; cursor: pointer; }
.ws code { display: block; flex: 1; min-width: 0; font-size: 13.5px; letter-spacing: .03em; overflow-wrap: break-word; padding: 6px 0; user-select: all; }
.ws .url { font-size: 12px; color: var(--muted); word-break: break-all; margin: 4px 0 0; }
.ws .url a { color: var(--accent); }
.ws .hint { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
.ws .problem { color: var(--red); font-size: 12.5px; margin: 8px 0 0; }
.ws .problem ul { margin: 4px 0 0; padding-left: 18px; }
.coachnav { display: flex; gap: 8px; align-items: center; margin: -12px 0 18px; font-size: 13px; color: var(--muted); }
.coachnav .btn { text-decoration: none; padding: 6px 12px; }
@media (max-width: 900px) { .ws { grid-template-columns: 1fr; } }
</style>`;

function scenarioCard(id: string, checked: boolean): string {
  const sc = getScenario(id)?.scenario;
  if (!sc) return '';
  return `<label class="scenario"><input type="radio" name="scenario" value="${esc(id)}"${checked ? ' checked' : ''}>
    <span class="co">${esc(sc.company)}</span><b>${esc(sc.name)}</b><p>${esc(sc.tagline)}</p><p>${esc(sc.description.slice(0, 120))}${sc.description.length > 120 ? '…' : ''}</p>
    <p>${sc.weeks} weeks</p></label>`;
}

const problemHtml = (title: string, problems: string[]) => `<div role="alert"><b>${esc(title)}</b><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul></div>`;

/** What the new-game screen shows besides its defaults: problems of the URL, and a code to prefill. */
export interface NewGameOptions {
  problems?: string[];
  title?: string;
  code?: string;
}

/** Renders the new-game screen into a host; Start navigates to the game's URL. */
export function renderNewGame(host: HTMLElement, problemsOrOptions: string[] | NewGameOptions = []): void {
  const opts: NewGameOptions = Array.isArray(problemsOrOptions) ? { problems: problemsOrOptions } : problemsOrOptions;
  const problems = opts.problems ?? [];
  const fromCode = opts.code !== undefined;
  const title = opts.title ?? (fromCode ? 'That workshop link does not describe a game' : 'That link does not describe a game');
  const note =
    problems.length && !fromCode
      ? `<div class="error-page" role="alert" style="margin:0 0 16px;padding:0"><h2 style="color:var(--red);margin:0">${esc(title)}</h2><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul><p>Pick a scenario and seed below instead.</p></div>`
      : '';
  const codeNote = problems.length && fromCode ? problemHtml(title, problems) : '';
  host.innerHTML = `${STYLE}<main class="newgame"><h1>Phase <span>Shift</span></h1>
    <p class="lede">Lead the product of an AI startup: search for product–market fit in the lab, then keep your promises in operations.</p>
    <nav class="coachnav" aria-label="Coaching"><span>Coaching:</span><a class="btn" href="./?view=replay" data-testid="review-log" title="Open a game log on the coach's board: every decision judged, with alternatives and notes">Review a log</a>
    <a class="btn" href="./?view=compare" data-testid="compare-logs" title="Compare the logs of a workshop: leaderboard and where players diverged">Compare logs</a></nav>${note}
    <div class="ws">
      <section aria-labelledby="ws-join"><h2 id="ws-join">Join a workshop</h2>
        <form id="workshop" novalidate><label for="code">Workshop code (or a link with ?code=…)</label>
          <div class="row"><input type="text" name="code" id="code" maxlength="2000" autocomplete="off" spellcheck="false" placeholder="PS1-…" value="${esc(opts.code ?? '')}">
          <button type="submit" class="btn primary" id="join">Join</button></div></form>
        <div class="problem" id="code-problem" aria-live="polite" data-testid="code-problem">${codeNote}</div></section>
      <section aria-labelledby="ws-share"><h2 id="ws-share">Share this game</h2><p class="hint" style="margin:0 0 4px">The scenario and seed chosen below, as a code for the room.</p>
        <div data-testid="share"></div></section>
      <section aria-labelledby="ws-log"><h2 id="ws-log">Continue from a log</h2>
        <label>Open a game log (.jsonl)<input type="file" id="openlog" accept=".jsonl,.json,.txt,application/jsonl,application/json,text/plain"></label>
        <p class="hint">Your game resumes after its last decision. Nothing is saved unless the whole log checks out.</p>
        <div class="problem" id="log-problem" aria-live="polite" data-testid="log-problem"></div></section>
    </div>
    <form id="newgame"><div class="startrow"><label>Seed (same seed, same world)<input name="seed" required maxlength="200" value="${roll()}"></label>
    <button type="button" class="btn" id="roll">↻ Roll</button>
    <label>Your name (optional)<input name="player" placeholder="for the log" aria-describedby="player-problem"></label>
    <button type="submit" class="btn primary" id="start">Start game ⏎</button></div>
    <fieldset class="scenarios"><legend>Choose a scenario</legend>${scenarioIds()
      .map((id, i) => scenarioCard(id, i === 0))
      .join('')}</fieldset></form><p class="problem" id="player-problem" aria-live="assertive" data-testid="player-problem"></p>${backupsHtml()}</main>`;

  const form = host.querySelector<HTMLFormElement>('#newgame') as HTMLFormElement;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const chosen = () => String(new FormData(form).get('scenario') ?? '');
  const playerName = () => field('player').value.trim();
  const playerNote = host.querySelector<HTMLElement>('#player-problem') as HTMLElement;
  /** The same limit the log header and the save keep: refused with a message, never cut silently. */
  const playerOk = () => {
    const problem = playerProblem(playerName());
    playerNote.textContent = problem ?? '';
    if (problem) field('player').focus();
    return problem === null;
  };
  field('player').addEventListener('input', () => {
    if (playerNote.textContent) playerOk();
  });
  wireBackups(host);
  const share = host.querySelector<HTMLElement>('[data-testid=share]') as HTMLElement;

  const renderShare = () => {
    const r = shareCode(chosen(), field('seed').value.trim());
    if (!r.ok) {
      share.innerHTML = `<p class="hint">No workshop code for this seed: ${esc(r.reason)}.</p>`;
      return;
    }
    const url = `${window.location.origin}${window.location.pathname}${codeQuery(r.code)}`;
    share.innerHTML = `<div class="row"><code data-testid="share-code">${esc(r.code)}</code><button type="button" class="btn" id="copy">Copy</button></div>
      <p class="url">Link: <a data-testid="share-url" href="${esc(url)}">${esc(url)}</a></p><p class="hint" id="copied" aria-live="polite">Everyone with this code plays the same world.</p>`;
    share.querySelector('#copy')?.addEventListener('click', () => {
      const done = (ok: boolean) => {
        const msg = share.querySelector('#copied');
        if (msg) msg.textContent = ok ? `Copied ${r.code}` : 'Copy failed: select the code and copy it by hand.';
      };
      if (navigator.clipboard)
        navigator.clipboard.writeText(r.code).then(
          () => done(true),
          () => done(false),
        );
      else done(false);
    });
  };
  renderShare();
  form.addEventListener('change', renderShare);
  field('seed').addEventListener('input', renderShare);
  host.querySelector('#roll')?.addEventListener('click', () => {
    field('seed').value = roll();
    renderShare();
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!playerOk()) return;
    const data = new FormData(form);
    const query = paramsQuery({ scenario: String(data.get('scenario') ?? ''), seed: String(data.get('seed') ?? '').trim(), player: playerName() });
    window.location.search = query;
  });

  const codeProblem = host.querySelector<HTMLElement>('#code-problem') as HTMLElement;
  host.querySelector<HTMLFormElement>('#workshop')?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!playerOk()) return;
    const r = resolveWorkshopCode((host.querySelector<HTMLInputElement>('#code') as HTMLInputElement).value);
    if (!r.ok) {
      codeProblem.innerHTML = problemHtml(r.title, r.problems);
      return;
    }
    codeProblem.textContent = '';
    window.location.search = codeQuery(r.code, playerName());
  });

  const logProblem = host.querySelector<HTMLElement>('#log-problem') as HTMLElement;
  const fileInput = host.querySelector<HTMLInputElement>('#openlog') as HTMLInputElement;
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    logProblem.innerHTML = '<span class="hint">Reading and checking the log…</span>';
    openLog(file).then(
      (r) => {
        if (!r.ok) {
          logProblem.innerHTML = problemHtml(`${file.name} cannot be continued`, [r.reason]);
          fileInput.value = '';
          return;
        }
        if (r.kept) {
          logProblem.innerHTML = `<span class="hint" data-testid="log-kept">${esc(r.kept)}</span>`;
          fileInput.value = '';
          return;
        }
        logProblem.textContent = '';
        window.location.search = r.query;
      },
      (err: unknown) => {
        logProblem.innerHTML = problemHtml(`${file.name} cannot be read`, [err instanceof Error ? err.message : String(err)]);
        fileInput.value = '';
      },
    );
  });
}

const LogSeedSchema = z.string().refine((s) => s.trim() === s && s.length > 0, { message: 'the seed in the log has leading or trailing spaces, which this game does not accept' });

/** Checks a log file whole (parse, scenario, re-simulation) and, only then, saves its decisions. */
async function openLog(file: File): Promise<{ ok: true; query: string; kept?: string } | { ok: false; reason: string }> {
  if (file.size > MAX_LOG_BYTES) return { ok: false, reason: `the file is ${file.size} bytes; a log has at most ${MAX_LOG_BYTES}` };
  const parsed = parseLog(await file.text());
  if (!parsed.ok) {
    const e = parsed.error;
    return { ok: false, reason: `line ${e.line}${e.field ? ` (${e.field})` : ''}: ${e.message}` };
  }
  const { header, entries } = parsed.log;
  const loaded = scenarioFor(header.scenario.id, header.scenario.hash);
  if (!loaded) return { ok: false, reason: `line 1 (scenario.id): this build has no scenario "${header.scenario.id}"` };
  const mismatch = scenarioMismatch(header, loaded.scenario, loaded.hash);
  if (mismatch) return { ok: false, reason: `line 1 (scenario): ${mismatch}` };
  // A save replays its decisions on the current version, so an older version's log is watched, not continued.
  const older = olderVersionNote(loaded);
  if (older) return { ok: false, reason: `line 1 (scenario): ${older}; a game continues only on the current version (open the log in the replay viewer to watch it)` };
  const seed = LogSeedSchema.safeParse(header.seed);
  if (!seed.success) return { ok: false, reason: `line 1 (seed): ${seed.error.issues[0]?.message ?? 'invalid seed'}` };
  const check = verify(parsed.log, loaded.scenario);
  if (!check.ok) return { ok: false, reason: `line ${check.line}: ${check.message} — the log was changed or made by different rules` };
  const decisions: Decision[] = [];
  for (const e of entries) if (e.kind === 'event' && isDecisionLine(e)) decisions.push({ type: e.type, data: e.data } as Decision);
  const params = { scenario: header.scenario.id, seed: header.seed, player: header.player ?? '' };
  const slot = readSlot(localStorage, params);
  if (slot.kind === 'ok' && !extendsDecisions(decisions, slot.save.decisions)) {
    const had = slot.save.decisions.length;
    const ok = await confirmDialog(
      'Replace your saved game?',
      `<p data-testid="replace-detail">This browser already holds a save of this game (seed ${esc(header.seed)}) with <b>${had}</b> decisions; the log has <b>${decisions.length}</b>${had > decisions.length ? ', fewer than your save' : ' and does not continue your save'}.</p>
      <p>If you continue from the log, your save is kept as a backup in this browser (listed on this screen), never deleted.</p>`,
      'Continue from the log (keep a backup)',
      'Keep my save',
    );
    if (!ok) return { ok: true, query: '', kept: `Kept your saved game with its ${had} decisions; nothing was changed.` };
  }
  try {
    writeSave(params, header.createdAt ?? new Date().toISOString(), decisions);
  } catch (e) {
    return { ok: false, reason: `the game could not be saved in this browser (${e instanceof Error ? e.message : String(e)})` };
  }
  return { ok: true, query: paramsQuery(params) };
}

/** The saves kept aside in this browser (unreadable or replaced ones), each downloadable. */
function backupsHtml(): string {
  let backups: ReturnType<typeof listBackups>;
  try {
    backups = listBackups(localStorage);
  } catch {
    return '';
  }
  if (!backups.length) return '';
  const rows = backups
    .map(
      (b, i) => `<li><code>${esc(b.of.replace(/^phase-shift:save:/, ''))}</code> kept ${esc(b.at)} <button type="button" class="btn" data-backup="${i}">⤓ Download</button></li>`,
    )
    .join('');
  return `<section class="backups" data-testid="backups" aria-labelledby="bk-title"><h2 id="bk-title">Saves kept aside in this browser</h2>
    <p class="hint">Saves that could not be read or were replaced are kept here, never deleted. Download one to keep it as a file.</p><ul>${rows}</ul></section>`;
}

function wireBackups(host: HTMLElement): void {
  host.querySelector('[data-testid=backups]')?.addEventListener('click', (ev) => {
    const i = (ev.target as HTMLElement).closest<HTMLElement>('[data-backup]')?.dataset.backup;
    const b = i === undefined ? undefined : listBackups(localStorage)[Number(i)];
    if (b) downloadText(b.text, `phase-shift-backup-${b.at.replace(/[^0-9A-Za-z-]/g, '')}.json`);
  });
}
