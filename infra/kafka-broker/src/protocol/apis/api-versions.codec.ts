// ApiVersions (key 18) v0-3. v3 is the flexible version librdkafka starts with; its response still uses response
// header v0, and a request for a version the broker lacks is answered in v0 layout (Kafka's rule).
import type { Reader, Writer } from '../codec.ts';

/** An ApiVersions request (v3 carries the client software's name and version). */
export interface ApiVersionsRequest {
  readonly clientSoftwareName: string | null;
  readonly clientSoftwareVersion: string | null;
}

/** One supported API and its version range. */
export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

/** Decodes an ApiVersions request body. */
export function decodeApiVersionsRequest(r: Reader, v: number): ApiVersionsRequest {
  if (v < 3) return { clientSoftwareName: null, clientSoftwareVersion: null };
  const clientSoftwareName = r.compactString();
  const clientSoftwareVersion = r.compactString();
  r.skipTaggedFields();
  return { clientSoftwareName, clientSoftwareVersion };
}

/** Encodes an ApiVersions response body. */
export function encodeApiVersionsResponse(w: Writer, v: number, errorCode: number, apis: readonly ApiVersionRange[]): void {
  w.int16(errorCode);
  if (v >= 3) {
    w.compactArray(apis, (w, a) => w.int16(a.apiKey).int16(a.minVersion).int16(a.maxVersion).emptyTaggedFields());
    w.int32(0);
    w.emptyTaggedFields();
    return;
  }
  w.array(apis, (w, a) => w.int16(a.apiKey).int16(a.minVersion).int16(a.maxVersion));
  if (v >= 1) w.int32(0);
}
