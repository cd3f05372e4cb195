// The events pages' strings (org.events); a placeholder until that area's pages land.
export const eventsZhCN = {
  title: '活动',
};

export type EventsMessages = typeof eventsZhCN;
