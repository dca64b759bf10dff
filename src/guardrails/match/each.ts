/**
 * Every match of a global regex, reusing the regex: String.prototype.matchAll clones the regex on each
 * call (through its species constructor), which cost more than the matching itself on short texts.
 */
export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex += 1;
    out.push(m);
  }
  return out;
}
