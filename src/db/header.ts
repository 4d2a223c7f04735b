/**
 * The 100-byte SQLite database header, checked before SQLite ever sees the bytes, so that a
 * non-database, a truncated copy or a newer file format gets a precise message instead of an
 * engine error. Field offsets: https://www.sqlite.org/fileformat2.html#the_database_header
 */
import { fail, ok, type Diagnostic, type Result } from "../errors.js";

/** "SQLite format 3\0": the first 16 bytes of every database file. */
export const SQLITE_MAGIC = new Uint8Array([
  0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00,
]);

/** The header length in bytes. */
export const HEADER_SIZE = 100;

/** The header fields schemadiff relies on. */
export interface DatabaseHeader {
  readonly pageSize: number;
  /** 1 = legacy rollback journal, 2 = WAL. */
  readonly writeVersion: number;
  readonly readVersion: number;
  /** Pages in the file per the header, or null when that field is not valid (pre-3.7.0 writers). */
  readonly pageCount: number | null;
  /** The schema format number (1-4; 0 in a database with no schema yet). */
  readonly schemaFormat: number;
}

/** True when `bytes` starts with the SQLite magic string. */
export function hasSqliteMagic(bytes: Uint8Array): boolean {
  if (bytes.length < SQLITE_MAGIC.length) return false;
  return SQLITE_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * Validates the header of a database file of `fileSize` bytes whose first bytes are `head`
 * (at least the first 100 when the file has them).
 */
export function parseHeader(head: Uint8Array, fileSize: number, file: string): Result<DatabaseHeader> {
  if (fileSize === 0) {
    return fail({
      code: "DB_NOT_SQLITE",
      file,
      message: "is empty (0 bytes), not a SQLite database",
      hint: "point --db at an existing database; schemadiff never creates or fills an empty file",
    });
  }
  const prefix = head.subarray(0, Math.min(head.length, SQLITE_MAGIC.length));
  const magicPrefix = prefix.every((b, i) => b === SQLITE_MAGIC[i]);
  if (!magicPrefix || (fileSize >= SQLITE_MAGIC.length && !hasSqliteMagic(head))) {
    return fail(notSqlite(head, file));
  }
  if (fileSize < HEADER_SIZE) {
    return fail(corrupt(file, `is truncated: ${fileSize} bytes, shorter than the 100-byte SQLite header`));
  }
  const view = new DataView(head.buffer, head.byteOffset, HEADER_SIZE);
  // https://www.sqlite.org/fileformat2.html#page_size: a power of two 512..32768, or 1 for 65536.
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return fail(corrupt(file, `has an invalid page size (${rawPageSize}) in its header`));
  }
  const writeVersion = view.getUint8(18);
  const readVersion = view.getUint8(19);
  // https://www.sqlite.org/fileformat2.html#file_format_version_numbers: above 2 is a future format.
  if (writeVersion > 2 || readVersion > 2) {
    return fail({
      code: "DB_UNSUPPORTED",
      file,
      message: `uses a newer SQLite file format (read/write version ${readVersion}/${writeVersion}) than this tool understands`,
      hint: "upgrade schemadiff, or convert the file with the SQLite version that wrote it",
    });
  }
  if (writeVersion === 0 || readVersion === 0) {
    return fail(corrupt(file, `has invalid file format version numbers (${readVersion}/${writeVersion})`));
  }
  // https://www.sqlite.org/fileformat2.html#payload_fractions: these three must be 64, 32, 32.
  if (view.getUint8(21) !== 64 || view.getUint8(22) !== 32 || view.getUint8(23) !== 32) {
    return fail(corrupt(file, "has invalid payload fractions in its header"));
  }
  const schemaFormat = view.getUint32(44);
  if (schemaFormat > 4) {
    return fail({
      code: "DB_UNSUPPORTED",
      file,
      message: `uses schema format ${schemaFormat}, newer than this tool understands (1-4)`,
      hint: "upgrade schemadiff",
    });
  }
  // https://www.sqlite.org/fileformat2.html#in_header_database_size: valid only when it is nonzero
  // and the change counter at 24 equals the version-valid-for number at 92.
  const headerPages = view.getUint32(28);
  const pageCount = headerPages > 0 && view.getUint32(24) === view.getUint32(92) ? headerPages : null;
  const expected = (pageCount ?? 1) * pageSize;
  if (fileSize < expected) {
    const what = pageCount === null ? "its first page" : `${pageCount} pages of ${pageSize} bytes (${expected} bytes)`;
    return fail(corrupt(file, `is truncated: ${fileSize} bytes, but its header promises ${what}`));
  }
  return ok({ pageSize, writeVersion, readVersion, pageCount, schemaFormat });
}

function corrupt(file: string, message: string): Diagnostic {
  return {
    code: "DB_CORRUPT",
    file,
    message,
    hint: "restore the file from a backup; a partial copy or download looks like this",
  };
}

/** Says what the file looks like instead, so a swapped argument is easy to spot. */
function notSqlite(head: Uint8Array, file: string): Diagnostic {
  const text = looksLikeText(head) ? new TextDecoder().decode(head).trimStart() : null;
  const lower = file.toLowerCase();
  let hint = "check the path; an encrypted database (SQLCipher, SEE) cannot be read either";
  if (lower.endsWith(".yaml") || lower.endsWith(".yml") || (text !== null && /^(#|tables:|views:|triggers:)/m.test(text))) {
    hint = "this looks like a schema file: did you swap --db and --schema?";
  } else if (text !== null && /^(--|\/\*|create\s|begin|pragma\s|insert\s)/i.test(text)) {
    hint = `this looks like an SQL script: build a database from it with \`sqlite3 NEW.db < ${file}\``;
  }
  return { code: "DB_NOT_SQLITE", file, message: "is not a SQLite database (or it is encrypted)", hint };
}

function looksLikeText(head: Uint8Array): boolean {
  return head.length > 0 && head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f));
}
