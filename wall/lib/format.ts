/** Small display helpers shared by the wall's components. */

/** Hashtags may be configured with or without their `#`; they are always shown with it. */
export function hashtag(tag: string): string {
  const bare = tag.trim().replace(/^#+/, '');
  return bare === '' ? '' : `#${bare}`;
}

/** ISO 8601 for `<time datetime>`. */
export function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** A CSS `url()` for a configured address; JSON string quoting is also a valid CSS string. */
export function cssUrl(url: string): string {
  return `url(${JSON.stringify(url)})`;
}
