/** The kinds of personal data certibot may hold, each named in the message catalogs (privacy.category.*). */
export type PersonalDataCategory =
  | 'preferences'
  | 'conversations'
  | 'conversationState'
  | 'feedback'
  | 'calendarLinks'
  | 'certificates'
  | 'tickets';

/** One store of personal data: it can say how much it holds about a user and erase it. */
export interface PersonalDataHolder {
  readonly category: PersonalDataCategory;
  count(userId: string): Promise<number>;
  erase(userId: string): Promise<number>;
}

export interface PersonalDataSummary {
  readonly items: ReadonlyArray<{ readonly category: PersonalDataCategory; readonly count: number }>;
  readonly total: number;
}

function summarise(items: Array<{ category: PersonalDataCategory; count: number }>): PersonalDataSummary {
  const nonEmpty = items.filter((item) => item.count > 0);
  return { items: nonEmpty, total: nonEmpty.reduce((sum, item) => sum + item.count, 0) };
}

/** Says what certibot holds about a user, across every holder. */
export async function describePersonalData(
  holders: readonly PersonalDataHolder[],
  userId: string,
): Promise<PersonalDataSummary> {
  const items = await Promise.all(holders.map(async (h) => ({ category: h.category, count: await h.count(userId) })));
  return summarise(items);
}

/** Erases what certibot holds about a user, holder by holder, and says what was erased. */
export async function erasePersonalData(
  holders: readonly PersonalDataHolder[],
  userId: string,
): Promise<PersonalDataSummary> {
  const items: Array<{ category: PersonalDataCategory; count: number }> = [];
  for (const holder of holders) items.push({ category: holder.category, count: await holder.erase(userId) });
  return summarise(items);
}
