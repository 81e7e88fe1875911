/**
 * Which firehose posts belong to the event. The firehose carries every post on Bluesky (hundreds a second), so a
 * frame is first tested, unparsed, for the mere presence of a hashtag's letters; only the few that pass are
 * parsed and matched exactly against the post's hashtags (tag facets, `tags`, `#words` of the text).
 */
export interface HashtagMatcher {
  /** Cheap and allocation-free: false means the frame surely carries none of the hashtags. */
  mayMatch(frame: string): boolean;
  /**
   * Whether a post's hashtags (lower-case NFC, as `summarizeJetstreamPost` gives them) include one of the event's,
   * whole: `#TownHall` is not in `#TownHallDebate`.
   */
  matches(postHashtags: readonly string[]): boolean;
}

/** Hashtags compare as lower-case NFC, the way the pipeline stores them. */
function canonical(tag: string): string {
  return tag.replace(/^#/, '').normalize('NFC').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every spelling a hashtag may have in the raw JSON text: as configured, lower- and upper-cased, composed (NFC)
 * and decomposed (NFD), so `#Économie` typed with a combining accent still passes the pre-check.
 */
function spellings(tag: string): string[] {
  const bare = tag.replace(/^#/, '');
  const forms = [bare, bare.toLowerCase(), bare.toUpperCase()].flatMap((form) => [
    form.normalize('NFC'),
    form.normalize('NFD'),
  ]);
  return [...new Set(forms)].filter((form) => form !== '');
}

/** A matcher for the event's hashtags (without `#`); with none, nothing matches. */
export function createHashtagMatcher(hashtags: readonly string[]): HashtagMatcher {
  const wanted = new Set(hashtags.map(canonical).filter((tag) => tag !== ''));
  const forms = hashtags.flatMap(spellings);
  // Longest first, so an alternation never stops at a shorter prefix (irrelevant to a yes/no test, but cheaper).
  forms.sort((a, b) => b.length - a.length);
  const precheck = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'iu');
  return {
    mayMatch: (frame) => precheck !== null && precheck.test(frame),
    matches: (postHashtags) => postHashtags.some((tag) => wanted.has(tag)),
  };
}
