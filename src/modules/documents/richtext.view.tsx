import { toSafeHtml } from './richtext.js';

/**
 * A document body. Stored bodies are already sanitised, but the markup is sanitised again here
 * (plain text from before rich text becomes paragraphs): the only HTML this module renders
 * unescaped is what toSafeHtml produced a moment ago.
 */
export function RichText({ html, class: cls }: { html: string; class?: string }) {
  const safe = { __html: toSafeHtml(html) };
  // The one unescaped render of the module: toSafeHtml is the allow-list sanitiser.
  return <div class={cls ? `rich-text ${cls}` : 'rich-text'} dangerouslySetInnerHTML={safe} />;
}
