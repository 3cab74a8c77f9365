import type { Locale } from './locale';

/** The one thing certibot remembers about a person on its own: the language they chose. */
export interface UserPreferencesRepository {
  getLocale(userId: string): Promise<Locale | undefined>;
  setLocale(userId: string, locale: Locale, at: Date): Promise<void>;
  remove(userId: string): Promise<boolean>;
  exists(userId: string): Promise<boolean>;
}
