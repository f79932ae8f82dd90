import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

/** SQLite online backup: consistent while the site keeps running (better-sqlite3's backup API). */
export async function backupSqlite(
  source: string,
  target: string,
  progress: (done: number, total: number) => void,
): Promise<void> {
  mkdirSync(path.dirname(target), { recursive: true });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        progress(totalPages - remainingPages, totalPages);
        return 100;
      },
    });
  } finally {
    db.close();
  }
}
