import type { Annotation } from '../../engine/log/format.js';
import type { Debrief } from '../../analysis/types.js';
import type { OpenedLog } from './loading.js';
import { annotatedText } from './annotations.js';

/* Downloads from the viewer: the annotated log, and the debrief as Markdown or HTML (the
 * reports are loaded only when asked for, to keep the board's first load small). */

/** Saves text as a file through a Blob URL. */
export function downloadText(text: string, name: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The file name of a log without its extension, for naming what is made from it. */
export function baseName(name: string): string {
  return name.replace(/\.(jsonl|json|txt)$/i, '').replace(/\.annotated$/i, '') || 'game';
}

/** Downloads the log with the coach's notes as annotation lines. */
export function downloadAnnotated(log: OpenedLog, notes: readonly Annotation[]): void {
  downloadText(annotatedText(log.facts, notes), `${baseName(log.name)}.annotated.jsonl`, 'application/x-ndjson');
}

/** Downloads the debrief (with the current notes) as Markdown or as a standalone HTML page. */
export async function downloadReport(log: OpenedLog, debrief: Debrief, notes: readonly Annotation[], format: 'md' | 'html'): Promise<void> {
  const d: Debrief = { ...debrief, annotations: [...notes] };
  switch (format) {
    case 'md': {
      const { debriefMarkdown } = await import('../../analysis/report-md.js');
      downloadText(debriefMarkdown(d), `${baseName(log.name)}.debrief.md`, 'text/markdown');
      return;
    }
    case 'html': {
      const { debriefHtml } = await import('../../analysis/report-html.js');
      downloadText(debriefHtml(d), `${baseName(log.name)}.debrief.html`, 'text/html');
      return;
    }
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
