/**
 * Text and data placed into the page. Everything the report inlines passes
 * through one of these, so no record can close a tag it did not open.
 */

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for a `<script type="application/json">` block. Writing every `<` as
 * `\u003c` keeps `</script>` and `<!--` out while JSON.parse reads it back
 * unchanged; U+2028 and U+2029 are escaped the same way for older parsers.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A library's source for an inline `<script>`. `<\/script` means the same
 * to JavaScript inside strings, templates and regular expressions, where a
 * minified bundle could hold it.
 */
export function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
