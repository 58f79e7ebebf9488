/* Where things sit in a JSON text. A strict JSON scanner (RFC 8259, no comments, no trailing
 * commas) that keeps the offset of every value and object key, so a problem reported by path
 * (`segments[1].pullMin`) can be shown at its line and column, and a syntax error at the place
 * it happens. Pure: the browser game can use it for its own scenario editor. */

/** A place in the text: 0-based offset, 1-based line and column (UTF-16 units, like editors). */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

/** One member of a JSON object: where its key starts and what its value is. */
export interface JsonMember {
  keyOffset: number;
  value: JsonNode;
}

/** A JSON value reduced to its shape and where it starts. */
export type JsonNode =
  | { kind: 'object'; offset: number; members: Map<string, JsonMember> }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'scalar'; offset: number };

/** One step of a path into a JSON value: an object key or an array index. */
export type JsonPathPart = string | number;

/** A scanned JSON text: its value tree and where each line starts. */
export interface JsonDocument {
  root: JsonNode;
  lineStarts: number[];
}

/** The outcome of scanning: the document, or the first syntax error and where it is. */
export type ScanResult = { ok: true; doc: JsonDocument } | { ok: false; message: string; at: TextPosition };

/** Deeper nesting than this is refused instead of risking the call stack. */
export const MAX_JSON_DEPTH = 256;

class SyntaxProblem {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

interface Cursor {
  text: string;
  i: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'] as const;

function skipSpace(c: Cursor): void {
  while (c.i < c.text.length) {
    const ch = c.text[c.i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') c.i++;
    else if (ch === '/' && (c.text[c.i + 1] === '/' || c.text[c.i + 1] === '*')) throw new SyntaxProblem('comments are not allowed in JSON', c.i);
    else return;
  }
}

function unexpected(c: Cursor, wanted: string): SyntaxProblem {
  if (c.i >= c.text.length) return new SyntaxProblem(`unexpected end of the text (expected ${wanted})`, c.i);
  return new SyntaxProblem(`unexpected ${JSON.stringify(c.text[c.i])} (expected ${wanted})`, c.i);
}

function scanString(c: Cursor): string {
  const start = c.i;
  c.i++; // the opening quote
  while (c.i < c.text.length) {
    const code = c.text.charCodeAt(c.i);
    if (code === 0x22) {
      c.i++;
      return JSON.parse(c.text.slice(start, c.i)) as string;
    }
    if (code < 0x20) throw new SyntaxProblem('a raw control character or line break inside a string (escape it)', c.i);
    if (code === 0x5c) {
      const esc = c.text[c.i + 1] ?? '';
      if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(c.text.slice(c.i + 2, c.i + 6))) c.i += 6;
      else if ('"\\/bfnrt'.includes(esc) && esc !== '') c.i += 2;
      else throw new SyntaxProblem(`invalid escape "\\${esc}" in a string`, c.i);
    } else c.i++;
  }
  throw new SyntaxProblem('a string is not closed (missing ")', start);
}

function scanScalar(c: Cursor): JsonNode {
  const offset = c.i;
  const ch = c.text[c.i];
  if (ch === '"') {
    scanString(c);
    return { kind: 'scalar', offset };
  }
  for (const word of LITERALS) {
    if (c.text.startsWith(word, c.i)) {
      c.i += word.length;
      return { kind: 'scalar', offset };
    }
  }
  NUMBER.lastIndex = c.i;
  const m = NUMBER.exec(c.text);
  if (m) {
    c.i += m[0].length;
    return { kind: 'scalar', offset };
  }
  if (ch === "'") throw new SyntaxProblem('strings need double quotes in JSON', c.i);
  throw unexpected(c, 'a value');
}

function scanValue(c: Cursor, depth: number): JsonNode {
  skipSpace(c);
  if (depth > MAX_JSON_DEPTH) throw new SyntaxProblem(`nested more than ${MAX_JSON_DEPTH} levels deep`, c.i);
  const ch = c.text[c.i];
  if (ch === '{') return scanObject(c, depth);
  if (ch === '[') return scanArray(c, depth);
  return scanScalar(c);
}

// After a member or item: a comma (not followed by the closer) or the closer itself.
function afterEntry(c: Cursor, close: string, what: string): boolean {
  skipSpace(c);
  if (c.text[c.i] === close) {
    c.i++;
    return false;
  }
  if (c.text[c.i] !== ',') throw unexpected(c, `"," or "${close}"`);
  const comma = c.i;
  c.i++;
  skipSpace(c);
  if (c.text[c.i] === close) throw new SyntaxProblem(`a trailing comma before "${close}" is not allowed in JSON`, comma);
  if (c.i >= c.text.length) throw unexpected(c, what);
  return true;
}

function scanObject(c: Cursor, depth: number): JsonNode {
  const node: JsonNode = { kind: 'object', offset: c.i, members: new Map() };
  c.i++;
  skipSpace(c);
  if (c.text[c.i] === '}') {
    c.i++;
    return node;
  }
  do {
    skipSpace(c);
    if (c.text[c.i] !== '"') throw unexpected(c, 'a property name in double quotes');
    const keyOffset = c.i;
    const key = scanString(c);
    skipSpace(c);
    if (c.text[c.i] !== ':') throw unexpected(c, '":"');
    c.i++;
    node.members.set(key, { keyOffset, value: scanValue(c, depth + 1) }); // a repeated key: the last wins, as in JSON.parse
  } while (afterEntry(c, '}', 'a property name in double quotes'));
  return node;
}

function scanArray(c: Cursor, depth: number): JsonNode {
  const node: JsonNode = { kind: 'array', offset: c.i, items: [] };
  c.i++;
  skipSpace(c);
  if (c.text[c.i] === ']') {
    c.i++;
    return node;
  }
  do node.items.push(scanValue(c, depth + 1));
  while (afterEntry(c, ']', 'a value'));
  return node;
}

/** Offsets where each line starts; a line ends at \n, \r\n or a lone \r. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

/** The line and column of an offset, given the line starts (binary search). */
export function positionAt(lineStarts: readonly number[], offset: number): TextPosition {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { offset, line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}

/** Scans a JSON text; on success every value's start is known, else the error's position. */
export function scanJson(text: string): ScanResult {
  const c: Cursor = { text, i: 0 };
  try {
    skipSpace(c);
    if (c.i >= text.length) throw new SyntaxProblem('the text is empty (expected a JSON value)', c.i);
    const root = scanValue(c, 0);
    skipSpace(c);
    if (c.i < text.length) throw new SyntaxProblem('unexpected text after the end of the JSON value', c.i);
    return { ok: true, doc: { root, lineStarts: lineStartsOf(text) } };
  } catch (e) {
    if (!(e instanceof SyntaxProblem)) throw e;
    return { ok: false, message: e.message, at: positionAt(lineStartsOf(text), e.offset) };
  }
}

/** Splits a path written as `a.b[2].c` (the loader's format; "(root)" is empty) into parts. */
export function parseJsonPath(path: string): JsonPathPart[] {
  if (path === '(root)' || path === '') return [];
  const parts: JsonPathPart[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([^.[]+)/g)) parts.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? ''));
  return parts;
}

/** The node a path leads to, or the deepest one it reaches, with how many parts it followed. */
export function walk(root: JsonNode, path: readonly JsonPathPart[]): { node: JsonNode; depth: number } {
  let node = root;
  for (let depth = 0; depth < path.length; depth++) {
    const part = path[depth];
    const next =
      node.kind === 'object' && typeof part === 'string' ? node.members.get(part)?.value
      : node.kind === 'array' && typeof part === 'number' ? node.items[part]
      : undefined;
    if (!next) return { node, depth };
    node = next;
  }
  return { node, depth: path.length };
}

/** Where the value at `path` starts; a path that is not in the text falls back to the deepest
 * value on the way (a missing key is shown at the object that should hold it). */
export function locate(doc: JsonDocument, path: readonly JsonPathPart[] | string): TextPosition & { exact: boolean } {
  const parts = typeof path === 'string' ? parseJsonPath(path) : path;
  const { node, depth } = walk(doc.root, parts);
  return { ...positionAt(doc.lineStarts, node.offset), exact: depth === parts.length };
}

/** The keys of the object at `path` and where each key starts (empty when it is no object). */
export function keysAt(doc: JsonDocument, path: readonly JsonPathPart[] | string): { key: string; at: TextPosition }[] {
  const parts = typeof path === 'string' ? parseJsonPath(path) : path;
  const { node, depth } = walk(doc.root, parts);
  if (depth !== parts.length || node.kind !== 'object') return [];
  return [...node.members].map(([key, m]) => ({ key, at: positionAt(doc.lineStarts, m.keyOffset) }));
}
