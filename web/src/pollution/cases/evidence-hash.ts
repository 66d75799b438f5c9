// The SHA-256 of an evidence file, computed in the browser: the gateway takes a document's digest and details only,
// never the file (which goes to object storage), so the digest on record proves which file was meant.

/** Lower-case hex SHA-256 of a file. Reads it whole: evidence files are documents and photos, not archives. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
