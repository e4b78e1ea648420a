/** The browser's bytes HTTP for multipart uploads (byte-http.ts); React Native uses the same XHR. */
import { type ByteHttp, xhrByteHttp } from './byte-http';

export function platformByteHttp(): ByteHttp {
  return xhrByteHttp(XMLHttpRequest);
}
