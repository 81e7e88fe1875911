/** Spans of text to redact, as the finders report them and as the redaction replaces them. */

/** `[start, end)` in UTF-16 units. */
export type Span = [start: number, end: number];

/** The spans sorted, those that overlap or touch joined into one: one mark per stretch of contact details. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Span[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** `text` with each span replaced by `mark`; `spans` merged, in order. */
export function replaceSpans(text: string, spans: readonly Span[], mark: string): string {
  let out = '';
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start) + mark;
    from = end;
  }
  return out + text.slice(from);
}
