/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** True for absolute http(s) URLs without characters that could break out of an attribute. */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>`]+$/i.test(url);
}
