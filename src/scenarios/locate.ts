/* Where things sit in a JSON text, read with jsonc-parser in strict mode (no comments, no
 * trailing commas), so a problem reported by path (`segments[1].pullMin`) can be shown at its
 * line and column, and a syntax error at the place it happens. Pure: the browser game can use it
 * for its own scenario editor. The library gives offsets; this file only reshapes its tree (a
 * repeated key counts where JSON.parse takes it: the last) and words its errors for people. */

import { createScanner, parseTree, printParseErrorCode, visit, type Node, type ParseError, type ParseOptions } from 'jsonc-parser';

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
  { kind: 'object'; offset: number; members: Map<string, JsonMember> } | { kind: 'array'; offset: number; items: JsonNode[] } | { kind: 'scalar'; offset: number };

/** One step of a path into a JSON value: an object key or an array index. */
export type JsonPathPart = string | number;

/** A scanned JSON text: its value tree and where each line starts. */
export interface JsonDocument {
  root: JsonNode;
  lineStarts: number[];
}

/** The outcome of scanning: the document, or the first syntax error and where it is. */
export type ScanResult = { ok: true; doc: JsonDocument } | { ok: false; message: string; at: TextPosition };

/** Deeper nesting than this is refused instead of risking the call stack (the parser recurses). */
export const MAX_JSON_DEPTH = 256;

const STRICT: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

interface Problem {
  message: string;
  offset: number;
}

/** What the parser was waiting for when it met an error (read from its events). */
type Expecting = 'key' | 'colon' | 'value' | 'comma' | 'end';

// The offset of the first bracket nested deeper than MAX_JSON_DEPTH (the scanner does not recurse).
function tooDeepAt(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (;;) {
    scanner.scan();
    const at = scanner.getTokenOffset();
    if (at >= text.length) return undefined;
    const ch = text[at];
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    if (depth > MAX_JSON_DEPTH) return at;
  }
}

// The first raw control character or bad escape inside a string token, for a precise place.
function stringProblem(text: string, start: number, end: number): Problem {
  for (let i = start + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) return { message: 'a raw control character inside a string (escape it)', offset: i };
    if (code !== 0x5c) continue;
    const esc = text[i + 1] ?? '';
    if (esc === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !'"\\/bfnrt'.includes(esc) || esc === '') {
      return { message: `invalid escape "\\${esc}" in a string`, offset: i };
    }
    i++;
  }
  const next = text[end];
  if (next === '\n' || next === '\r') return { message: 'a raw line break inside a string (escape it)', offset: end };
  return { message: 'a string is not closed (missing ")', offset: start };
}

function expectation(expecting: Expecting, container: 'object' | 'array' | undefined): string {
  if (expecting === 'key') return 'a property name in double quotes';
  if (expecting === 'colon') return '":"';
  if (expecting === 'comma') return container === 'object' ? '"," or "}"' : '"," or "]"';
  return 'a value';
}

// Words one parse error, given what the parser was waiting for and the last comma it passed.
function describe(text: string, error: ParseError, expecting: Expecting, container: 'object' | 'array' | undefined, comma: number | undefined): Problem {
  const { offset, length } = error;
  const name = printParseErrorCode(error.error);
  const ch = text[offset];
  if (name === 'InvalidCommentToken' || name === 'UnexpectedEndOfComment') return { message: 'comments are not allowed in JSON', offset };
  if (name === 'UnexpectedEndOfString' || name === 'InvalidCharacter' || name === 'InvalidEscapeCharacter' || name === 'InvalidUnicode') {
    return stringProblem(text, offset, offset + length);
  }
  if (name === 'UnexpectedEndOfNumber') return { message: `a number is cut short (${JSON.stringify(text.slice(offset, offset + length))})`, offset };
  if (comma !== undefined && (ch === '}' || ch === ']')) return { message: `a trailing comma before "${ch}" is not allowed in JSON`, offset: comma };
  if (expecting === 'end') return { message: 'unexpected text after the end of the JSON value', offset };
  if (ch === "'" && expecting === 'value') return { message: 'strings need double quotes in JSON', offset };
  const wanted = expectation(expecting, container);
  if (ch === undefined) return { message: `unexpected end of the text (expected ${wanted})`, offset };
  return { message: `unexpected ${shown(ch)} (expected ${wanted})`, offset };
}

// A character as a message shows it: quoted when printable, else by its code (U+FEFF).
function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  return code >= 0x20 && code < 0x7f ? JSON.stringify(ch) : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Parses again, following the parser's events, to say what it expected at its first error.
function firstProblem(text: string): Problem | undefined {
  const stack: ('object' | 'array')[] = [];
  let expecting: Expecting = 'value';
  let comma: number | undefined;
  let seen = false;
  let found: Problem | undefined;
  const step = (next: Expecting) => {
    expecting = next;
    comma = undefined;
    seen = true;
  };
  const open = (kind: 'object' | 'array') => {
    stack.push(kind);
    step(kind === 'object' ? 'key' : 'value');
  };
  const closed = () => step(stack.length > 0 ? 'comma' : 'end');
  const close = () => {
    stack.pop();
    closed();
  };
  visit(
    text,
    {
      onObjectBegin: () => open('object'),
      onArrayBegin: () => open('array'),
      onObjectEnd: close,
      onArrayEnd: close,
      onLiteralValue: closed,
      onObjectProperty: () => step('colon'),
      onSeparator: (sep, offset) => {
        step(sep === ':' ? 'value' : stack.at(-1) === 'object' ? 'key' : 'value');
        if (sep === ',') comma = offset;
      },
      onError: (error, offset, length) => {
        if (found) return;
        if (!seen && offset >= text.length) found = { message: 'the text is empty (expected a JSON value)', offset };
        else found = describe(text, { error, offset, length }, expecting, stack.at(-1), comma);
      },
    },
    STRICT,
  );
  return found;
}

// The library's tree in our shape; object members by key, the last of a repeated key winning.
function toJsonNode(node: Node): JsonNode {
  if (node.type === 'array') return { kind: 'array', offset: node.offset, items: (node.children ?? []).map(toJsonNode) };
  if (node.type !== 'object') return { kind: 'scalar', offset: node.offset };
  const members = new Map<string, JsonMember>();
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) members.set(String(key.value), { keyOffset: key.offset, value: toJsonNode(value) });
  }
  return { kind: 'object', offset: node.offset, members };
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
  const fail = (p: Problem): ScanResult => ({ ok: false, message: p.message, at: positionAt(lineStartsOf(text), p.offset) });
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const earlier = firstProblem(text.slice(0, deep));
    return fail(earlier && earlier.offset < deep ? earlier : { message: `nested more than ${MAX_JSON_DEPTH} levels deep`, offset: deep });
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, STRICT);
  if (errors.length > 0 || !root) return fail(firstProblem(text) ?? { message: 'not valid JSON', offset: errors[0]?.offset ?? 0 });
  return { ok: true, doc: { root: toJsonNode(root), lineStarts: lineStartsOf(text) } };
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
      node.kind === 'object' && typeof part === 'string' ? node.members.get(part)?.value : node.kind === 'array' && typeof part === 'number' ? node.items[part] : undefined;
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
