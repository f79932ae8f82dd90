import { renderableHtml } from './richtext.js';

/**
 * A document body: the only HTML this module renders unescaped. renderableHtml passes a stored
 * body through only when it is exactly what the sanitiser writes, and sanitises anything else
 * (plain text from before rich text becomes paragraphs).
 */
export function RichText({ html, class: cls }: { html: string; class?: string }) {
  const safe = { __html: renderableHtml(html) };
  return <div class={cls ? `rich-text ${cls}` : 'rich-text'} dangerouslySetInnerHTML={safe} />;
}
