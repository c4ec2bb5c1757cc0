/**
 * What an assessor's (or the province's) decision on an item needs before it is recorded
 * ("How the standard is applied", rules.md): deciding what the data left pending needs a reason;
 * overturning what the data decided needs a written reason and evidence; E5 is decided only by a
 * person with authority, with evidence for a finding and for clearing leads the data raised.
 */

export type DecisionSettings = {
  /** The shortest written reason an override takes, in characters. */
  overrideReasonMinLength: number;
  /** Roles that may decide E5 (confirm a finding or clear the leads) besides the assessor. */
  e5Deciders: readonly string[];
};

export const DEFAULT_DECISION_SETTINGS: DecisionSettings = {
  overrideReasonMinLength: 10,
  e5Deciders: ["assessor", "province_admin"],
};

export type DecisionCheck = {
  /** True when the decision overturns the data's result. */
  isOverride: boolean;
  needsEvidence: boolean;
  reasonMinLength: number;
};

/** The requirements of a decision `status` on item `itemId` whose data result is `dataStatus`. */
export function decisionRequirements(
  input: { itemId: string; status: string; dataStatus: string; hasLeads: boolean },
  settings: DecisionSettings = DEFAULT_DECISION_SETTINGS,
): DecisionCheck {
  const isOverride = input.dataStatus !== "pending" && input.dataStatus !== input.status;
  const e5NeedsEvidence = input.itemId === "E5" && (input.status === "triggered" || input.hasLeads);
  return {
    isOverride,
    needsEvidence: isOverride || e5NeedsEvidence,
    reasonMinLength: isOverride ? settings.overrideReasonMinLength : 2,
  };
}

/** Whether `role` may decide `itemId`: the assessor any item, E5 also the roles of the setting. */
export function mayDecide(
  role: string,
  itemId: string,
  settings: DecisionSettings = DEFAULT_DECISION_SETTINGS,
): boolean {
  if (role === "assessor") return true;
  return itemId === "E5" && settings.e5Deciders.includes(role);
}
