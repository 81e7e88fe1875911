/**
 * SMS opt-outs: a sender's STOP and START, which the SMS sources hand over through their context (they never
 * touch the rules themselves). An opt-out is a ban of the sender's author key with its own label, so it shows in
 * the console's rules and a moderator can lift it; START lifts only that ban.
 */
import type { EventRegistry } from '../events/registry.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';

/** The label of the ban an opt-out puts on the number; START lifts only a ban with this label. */
export const OPT_OUT_LABEL = 'SMS opt-out';
const OPT_OUT_ACTOR = 'sms-opt-out';

export interface OptOutDeps {
  store: Store;
  events: EventRegistry;
  intake: Intake;
  log: Logger;
}

export function createOptOuts({ store, events, intake, log }: OptOutDeps) {
  async function banOf(event: string, authorKey: string) {
    return (await store.rules.authors(event)).banned.find((rule) => rule.authorKey === authorKey);
  }

  /** Takes the sender's items off the wall and out of the queue, content erased; returns how many. */
  async function retractAll(event: string, authorKey: string, why: string): Promise<number> {
    const theirs = [];
    // Read whole before changing any: the pages are read as they are changed otherwise.
    for await (const item of store.items.all(event)) {
      if (item.authorKey === authorKey && (item.status === 'approved' || item.status === 'pending')) theirs.push(item);
    }
    let retracted = 0;
    for (const item of theirs) {
      const outcome = await intake.retract(event, item.source, item.sourceId, why);
      if (outcome.kind === 'retracted') retracted++;
    }
    return retracted;
  }

  return {
    /** True when the number opted out (its messages are still taken in, rejected, but never answered). */
    async isOptedOut(event: string, authorKey: string): Promise<boolean> {
      return (await banOf(event, authorKey))?.label.startsWith(OPT_OUT_LABEL) ?? false;
    },

    /** STOP: bans the author key unless a ban is already there (a moderator's, the file's), and retracts. */
    async optOut(event: string, authorKey: string, word: string): Promise<void> {
      const why = `${OPT_OUT_LABEL} (${word})`;
      const configured = events.config(event).moderation.bannedAuthors.includes(authorKey);
      if (!(await banOf(event, authorKey)) && !configured) {
        await events.ruleBook.setAuthor(event, authorKey, 'banned', OPT_OUT_ACTOR, why);
      }
      const retracted = await retractAll(event, authorKey, why);
      log.info({ event, authorKey, retracted }, 'SMS opt-out recorded');
    },

    /** START: lifts the opt-out's ban, never one a moderator or the file set. */
    async optIn(event: string, authorKey: string): Promise<void> {
      if (!(await banOf(event, authorKey))?.label.startsWith(OPT_OUT_LABEL)) return;
      await events.ruleBook.setAuthor(event, authorKey, null, OPT_OUT_ACTOR);
      log.info({ event, authorKey }, 'SMS opt-out lifted');
    },
  };
}

export type OptOuts = ReturnType<typeof createOptOuts>;
