/** Room names, one per event and audience. */
export const wallRoom = (event: string) => `wall:${event}`;
export const moderationRoom = (event: string) => `moderation:${event}`;
