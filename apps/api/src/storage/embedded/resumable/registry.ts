/**
 * Unfinished resumable uploads (Kodo's multipart v2) and their stored parts, in the store's index file
 * beside the objects table (its own connection; WAL lets both write). A part is recorded only once all of
 * its bytes are on disk, so what listParts answers after a crash is what the disk holds.
 */
import type SQLite from 'better-sqlite3';
import { openIndexDatabase } from '../catalog.js';

export interface UploadRow {
  upload_id: string;
  key: string;
  /** The verified put policy of the token that started it, as JSON: its limits hold for every part. */
  policy: string;
  /** Unix seconds: Kodo's expireAt. Swept after it. */
  expire_at: number;
  /**
   * The size of the first part that arrived: parts of that size (or shorter, the last) are written
   * straight into `assembly` at (partNumber - 1) × stride, so completing needs no copy. Null until then.
   */
  stride: number | null;
  state: 'open' | 'completing';
}

export interface PartRow {
  upload_id: string;
  part_number: number;
  size: number;
  etag: string;
  md5: string;
  /** Unix seconds. */
  put_time: number;
  /** A file of its own in the upload's folder, or null: the part sits in the assembly file at its stride slot. */
  file: string | null;
  /** SHA-1 of each 4 MiB block of the part (the last one partial), 20 bytes each: the object's qetag without a re-read. */
  blocks: Buffer;
}

export class UploadRegistry {
  private readonly db: SQLite.Database;

  constructor(file: string) {
    this.db = openIndexDatabase(file, 'NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS multipart_uploads (
        upload_id TEXT PRIMARY KEY NOT NULL,
        key TEXT NOT NULL,
        policy TEXT NOT NULL,
        expire_at INTEGER NOT NULL,
        stride INTEGER,
        state TEXT NOT NULL DEFAULT 'open'
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS multipart_parts (
        upload_id TEXT NOT NULL,
        part_number INTEGER NOT NULL,
        size INTEGER NOT NULL,
        etag TEXT NOT NULL,
        md5 TEXT NOT NULL,
        put_time INTEGER NOT NULL,
        file TEXT,
        blocks BLOB NOT NULL,
        PRIMARY KEY (upload_id, part_number)
      ) WITHOUT ROWID;
    `);
  }

  create(row: Omit<UploadRow, 'stride' | 'state'>): void {
    this.db
      .prepare('INSERT INTO multipart_uploads (upload_id, key, policy, expire_at) VALUES (?, ?, ?, ?)')
      .run(row.upload_id, row.key, row.policy, row.expire_at);
  }

  get(uploadId: string): UploadRow | null {
    return (
      (this.db.prepare('SELECT * FROM multipart_uploads WHERE upload_id = ?').get(uploadId) as UploadRow | undefined) ??
      null
    );
  }

  /** The stride, set by the first part to ask for it; answers the upload's stride either way. */
  claimStride(uploadId: string, size: number): number | null {
    this.db
      .prepare('UPDATE multipart_uploads SET stride = ? WHERE upload_id = ? AND stride IS NULL')
      .run(size, uploadId);
    return this.get(uploadId)?.stride ?? null;
  }

  parts(uploadId: string, after = 0, limit = 10_000): PartRow[] {
    return this.db
      .prepare('SELECT * FROM multipart_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?')
      .all(uploadId, after, limit) as PartRow[];
  }

  part(uploadId: string, partNumber: number): PartRow | null {
    return (
      (this.db
        .prepare('SELECT * FROM multipart_parts WHERE upload_id = ? AND part_number = ?')
        .get(uploadId, partNumber) as PartRow | undefined) ?? null
    );
  }

  /** Bytes stored for an upload, leaving out one part number (the one being replaced). */
  storedBytes(uploadId: string, except: number): number {
    const row = this.db
      .prepare('SELECT COALESCE(SUM(size), 0) AS total FROM multipart_parts WHERE upload_id = ? AND part_number != ?')
      .get(uploadId, except) as { total: number };
    return row.total;
  }

  /** Forgets a part (its stride slot is about to be overwritten); answers what it was. */
  dropPart(uploadId: string, partNumber: number): PartRow | null {
    return this.db.transaction(() => {
      const previous = this.part(uploadId, partNumber);
      if (previous) {
        this.db
          .prepare('DELETE FROM multipart_parts WHERE upload_id = ? AND part_number = ?')
          .run(uploadId, partNumber);
      }
      return previous;
    })();
  }

  /**
   * Records a part whose bytes are all on disk, if its upload is still open. Answers the row it replaced
   * (its own file is the caller's to remove), or 'gone' when the upload was aborted, completed or swept.
   */
  recordPart(row: PartRow): PartRow | null | 'gone' {
    return this.db.transaction(() => {
      const upload = this.get(row.upload_id);
      if (!upload || upload.state !== 'open') return 'gone' as const;
      const previous = this.part(row.upload_id, row.part_number);
      this.db
        .prepare(
          `INSERT OR REPLACE INTO multipart_parts (upload_id, part_number, size, etag, md5, put_time, file, blocks)
           VALUES (@upload_id, @part_number, @size, @etag, @md5, @put_time, @file, @blocks)`,
        )
        .run(row);
      return previous;
    })();
  }

  /** open → completing, once: false when it was not open. */
  beginCompleting(uploadId: string): boolean {
    return (
      this.db
        .prepare("UPDATE multipart_uploads SET state = 'completing' WHERE upload_id = ? AND state = 'open'")
        .run(uploadId).changes === 1
    );
  }

  /** A complete that failed before it touched the parts: the upload takes parts again. */
  reopen(uploadId: string): void {
    this.db.prepare("UPDATE multipart_uploads SET state = 'open' WHERE upload_id = ?").run(uploadId);
  }

  remove(uploadId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM multipart_parts WHERE upload_id = ?').run(uploadId);
      this.db.prepare('DELETE FROM multipart_uploads WHERE upload_id = ?').run(uploadId);
    })();
  }

  expired(nowSeconds: number): string[] {
    return (
      this.db.prepare('SELECT upload_id FROM multipart_uploads WHERE expire_at < ?').all(nowSeconds) as Array<{
        upload_id: string;
      }>
    ).map((r) => r.upload_id);
  }

  /** Uploads a crash caught in the middle of completing. */
  completing(): UploadRow[] {
    return this.db.prepare("SELECT * FROM multipart_uploads WHERE state = 'completing'").all() as UploadRow[];
  }

  /** Drops the parts that lived in the assembly file (it is gone) and takes parts again. */
  forgetAssembly(uploadId: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM multipart_parts WHERE upload_id = ? AND file IS NULL').run(uploadId);
      this.db.prepare("UPDATE multipart_uploads SET state = 'open', stride = NULL WHERE upload_id = ?").run(uploadId);
    })();
  }

  allIds(): Set<string> {
    return new Set(
      (this.db.prepare('SELECT upload_id FROM multipart_uploads').all() as Array<{ upload_id: string }>).map(
        (r) => r.upload_id,
      ),
    );
  }

  partFiles(uploadId: string): Set<string> {
    return new Set(
      (
        this.db
          .prepare('SELECT file FROM multipart_parts WHERE upload_id = ? AND file IS NOT NULL')
          .all(uploadId) as Array<{ file: string }>
      ).map((r) => r.file),
    );
  }

  close(): void {
    this.db.close();
  }
}
