/** The cookie jar the HTTP layer and `pm.cookies.jar()` share (implemented over tough-cookie). */
export interface CookieJarLike {
  /** The `Cookie` header value for a URL ('' when none). */
  getCookieString(url: string): Promise<string>;
  /** Stores one `Set-Cookie` header value received from a URL (invalid ones are ignored). */
  setCookie(setCookieHeader: string, url: string): Promise<void>;
}
