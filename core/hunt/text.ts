// Turning untrusted bytes into text that is safe to show: no control characters, bounded length.

// C0 and C1 controls, DEL, and the bidi overrides that can disguise text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Replaces control characters with a visible mark and tabs/newlines with a space. */
export function stripControl(text: string): string {
  return text.replace(/[\t\n\r]/g, ' ').replace(CONTROL, '\ufffd');
}

/** A path as it may be printed on a terminal: controls shown as \xNN so a name cannot forge output. */
export function displayPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * The matched text with some context: the whole line if short, otherwise a window around the match,
 * with … marking what was cut.
 */
export function excerpt(line: string, matchStart: number, matchLength: number, max = 300): string {
  let text = line;
  if (line.length > max) {
    const room = Math.max(0, max - Math.min(matchLength, max));
    let start = Math.max(0, matchStart - Math.floor(room / 2));
    const end = Math.min(line.length, start + max);
    start = Math.max(0, end - max);
    text = `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
  }
  return stripControl(text);
}
