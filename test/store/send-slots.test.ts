import { forEachEngine, withStore, type Engine } from './engines';

/** The send slots several instances share: one conversation's reservations never closer than the interval. */
forEachEngine((engine: Engine) => {
  describe('send slots', () => {
    test('a free conversation gets the instant asked for; the next ones follow at the interval, others are free', () =>
      withStore(engine, async (store) => {
        const slots = store.sendSlots;
        expect(await slots.reserve('19:busy', 1_000, 143)).toBe(1_000);
        expect(await slots.reserve('19:busy', 1_000, 143)).toBe(1_143);
        expect(await slots.reserve('19:busy', 1_050, 143)).toBe(1_286);
        // Asked for later than the next free instant: that later instant.
        expect(await slots.reserve('19:busy', 5_000, 143)).toBe(5_000);
        expect(await slots.reserve('19:other', 1_000, 143)).toBe(1_000);
        expect(await slots.purge(5_000)).toBe(1);
        expect(await slots.reserve('19:other', 1_000, 143)).toBe(1_000);
      }));

    test('reservations made at once by several callers are all distinct and spaced', () =>
      withStore(engine, async (store) => {
        const instants = await Promise.all(Array.from({ length: 40 }, () => store.sendSlots.reserve('19:busy', 10_000, 143)));
        const sorted = [...instants].sort((a, b) => a - b);
        expect(sorted[0]).toBe(10_000);
        for (let i = 1; i < sorted.length; i += 1) expect((sorted[i] as number) - (sorted[i - 1] as number)).toBe(143);
      }));
  });
});
