import { describeAttachment } from './attachment.extract.js';
import type { PublicAttachmentRow } from './attachment.read.js';

/** Where the public downloads an attachment of a published document. */
export const attachmentUrl = (documentId: number, attachmentId: number) =>
  `/documents/${documentId}/attachments/${attachmentId}`;

/**
 * The attachments of a published document on its portal page: name, type and size
 * ("PDF，1.2 MB") and, for images, their description. Nothing when there are none.
 */
export function AttachmentList({ items }: { items: PublicAttachmentRow[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="h-attachments">
      <h2 id="h-attachments">附件</h2>
      <ol class="attachments">
        {items.map((a) => (
          <li key={a.id}>
            <a href={attachmentUrl(a.document_id, a.id)} download={a.name}>
              {a.name}
            </a>{' '}
            <span class="hint">（{describeAttachment(a)}）</span>
            {a.kind === 'image' && a.alt_text && <p class="hint">图片说明：{a.alt_text}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
