/** Where "now" comes from. Injected everywhere so that tests and demos can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock shifted by a fixed offset from another (demos and acceptance tests outside production). */
export function shiftedClock(base: Clock, offsetMs: number): Clock {
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}
