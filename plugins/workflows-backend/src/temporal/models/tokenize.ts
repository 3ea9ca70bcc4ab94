/** Lower-case word tokens; the unit the local model counts as tokens. */
export function tokenize(text: string): string[] {
  return text.toLocaleLowerCase('en-US').match(/[a-z0-9']+/g) ?? [];
}
