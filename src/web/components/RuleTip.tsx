/**
 * Plain Chinese with the rule a hover away (issue 18, item 5): labels say what they mean (上线率,
 * 站点覆盖行政村), and the rule id of rules.md (O1, G1 …) or the scorecard item's id (A3) sits in a
 * tooltip, for the reader who checks the seed. Only the scorecard's rule columns show ids as text.
 */
import { Tooltip } from "antd";
import type { ReactNode } from "react";
import { HEBEI_2017 } from "../../rules/acceptance/standard";
import { useI18n } from "../app/i18n";
import type { Language } from "../app/language";

const ITEM_TITLES = new Map([...HEBEI_2017.items, ...HEBEI_2017.veto].map((i) => [i.id, i.title]));

/** The title of a scorecard item or veto item (A3 → 行政村覆盖), its id when unknown. */
export function itemTitle(id: string, language: Language): string {
  return ITEM_TITLES.get(id)?.[language] ?? id;
}

/** Titles of items, joined: 行政村覆盖、信息报送 (the ids go in a tooltip). */
export function itemTitles(ids: readonly string[], language: Language): string {
  return ids.map((id) => itemTitle(id, language)).join(language === "zh" ? "、" : ", ");
}

const dotted = { borderBottom: "1px dotted currentColor", cursor: "help" } as const;

/** `children` with "规则 O1" (or several) in a tooltip. */
export function RuleTip({ rule, children }: { rule: string | readonly string[]; children: ReactNode }) {
  const { language } = useI18n();
  const rules = typeof rule === "string" ? [rule] : rule;
  return (
    <Tooltip title={`${language === "zh" ? "规则" : "Rule"} ${rules.join(language === "zh" ? "、" : ", ")}`}>
      <span style={dotted}>{children}</span>
    </Tooltip>
  );
}

/** Scorecard items by title, their ids in the tooltip. */
export function ItemNames({ ids }: { ids: readonly string[] }) {
  const { language } = useI18n();
  if (ids.length === 0) return null;
  return (
    <Tooltip title={ids.join(" ")}>
      <span style={dotted}>{itemTitles(ids, language)}</span>
    </Tooltip>
  );
}

/** Marks a table column as the scorecard's rule column: the one place ids show as text. */
export const RULE_COLUMN = {
  onCell: () => ({ "data-rule-column": "" }) as React.HTMLAttributes<HTMLElement>,
  onHeaderCell: () => ({ "data-rule-column": "" }) as React.HTMLAttributes<HTMLElement>,
};
