/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): recognising one wherever county staff
 * paste it, so that it can be replaced by a keyed hash before it is stored. Pure: no I/O, runs in
 * Node and in the browser (the form can warn before the server refuses).
 */

// GB 11643: weights of the first 17 digits; the check character is CHECK[(Σ digit × weight) mod 11].
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** The check character of the first 17 digits of an 18-character number (GB 11643). */
export function idCardCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("idCardCheckCharacter: 17 digits expected");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Whether YYYYMMDD names a real calendar day. */
function isCalendarDay(yyyymmdd: string): boolean {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * What a pasted person identifier is:
 * - `id_card`: an 18-character ID number with a valid check character, or a first-generation
 *   15-digit number (birth date YYMMDD in 19xx) upgraded to its 18-character form, so that the
 *   same person matches whichever form was pasted;
 * - `bad_id_card`: 17 digits and a check character that does not match — a mistyped ID number,
 *   which must be neither stored nor echoed back;
 * - `other`: any other identifier, usable as given.
 */
export type PersonIdKind =
  | { kind: "id_card"; normalized: string }
  | { kind: "bad_id_card" }
  | { kind: "other"; value: string };

export function classifyPersonId(text: string): PersonIdKind {
  const t = text.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (/^\d{17}[\dX]$/.test(t)) {
    return idCardCheckCharacter(t.slice(0, 17)) === t[17]
      ? { kind: "id_card", normalized: t }
      : { kind: "bad_id_card" };
  }
  if (/^\d{15}$/.test(t) && isCalendarDay(`19${t.slice(6, 12)}`)) {
    const first17 = `${t.slice(0, 6)}19${t.slice(6)}`;
    return { kind: "id_card", normalized: first17 + idCardCheckCharacter(first17) };
  }
  return { kind: "other", value: text.trim() };
}

/** The masked form shown on screens and in rosters: 1305**********123X (first 4, last 4). */
export function maskIdCard(normalized: string): string {
  return `${normalized.slice(0, 4)}${"*".repeat(normalized.length - 8)}${normalized.slice(-4)}`;
}
