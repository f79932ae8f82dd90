import { formatDate } from '../../platform/time.js';

export interface NoticeItem {
  id: number;
  title: string;
  published_at: string;
  is_sample: number;
}

/** A list of notices with their dates; invented demo items carry the 示例 tag. */
export function NoticeList({ rows }: { rows: NoticeItem[] }) {
  if (rows.length === 0) return <p>暂无内容。</p>;
  return (
    <ul class="list">
      {rows.map((n) => (
        <li key={n.id}>
          <span>
            <a href={`/notices/${n.id}`}>{n.title}</a>
            {n.is_sample ? <span class="sample-tag">示例</span> : null}
          </span>
          <time dateTime={n.published_at}>{formatDate(n.published_at)}</time>
        </li>
      ))}
    </ul>
  );
}
