/** The interface language: Chinese first, English on request; kept in localStorage. */
export type Language = "zh" | "en";

const STORAGE_KEY = "shifan.language";

let current: Language = readStored();

function readStored(): Language {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

/** The language now in use; the API client reads it for every request. */
export function getLanguage(): Language {
  return current;
}

/** Switches the language and remembers it for the next visit. */
export function saveLanguage(language: Language): void {
  current = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  if (typeof document !== "undefined") document.documentElement.lang = htmlLang(language);
}

/** The Accept-Language header value the server expects (`zh-CN` or `en`). */
export function acceptLanguage(language: Language): string {
  return language === "zh" ? "zh-CN" : "en";
}

export function htmlLang(language: Language): string {
  return language === "zh" ? "zh-CN" : "en";
}

/** The Intl locale for numbers and dates. */
export function numberLocale(language: Language): string {
  return language === "zh" ? "zh-CN" : "en-US";
}
