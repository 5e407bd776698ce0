// Every value on the preview pages comes from CRM data someone typed: it is escaped, always, by building pages
// only through this tagged template.

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => escapes[char] ?? char);

export class SafeHtml {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
  toString(): string {
    return this.html;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | ReadonlyArray<SafeHtml>;

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.html;
  if (Array.isArray(part)) return part.map((p: SafeHtml) => p.html).join('');
  return escapeHtml(String(part));
};

export const html = (strings: TemplateStringsArray, ...parts: Part[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, text, i) => out + text + (i < parts.length ? render(parts[i]) : ''), ''));
