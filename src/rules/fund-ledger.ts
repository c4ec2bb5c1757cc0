/**
 * The dedicated ledger (专账核算, rule F8) judged on what was paid (acceptance C3): every payment of
 * central funds has invoices covering its amount, and neither a payment's summary (摘要) nor an
 * invoice's item (发票项目) names a forbidden use (rule F4). Pure: the funds domain passes the rows.
 */
import { FORBIDDEN_USES, type ForbiddenUse, findForbiddenUses } from "./funds";
import { formatYuan } from "./money";

export type LedgerInvoice = {
  invoiceNo: string;
  amountFen: number;
  issuedOn: string;
  itemName: string | null;
};

export type LedgerPayment = {
  contractNo: string;
  paidOn: string;
  amountFen: number;
  /** 摘要 */
  note: string;
  invoices: readonly LedgerInvoice[];
};

/** Rule C3 (完整发票): payments whose invoices issued by `asOf` do not cover their amount, in Chinese. */
export function paymentsMissingInvoice(payments: readonly LedgerPayment[], asOf: string): string[] {
  const gaps: string[] = [];
  for (const p of payments) {
    if (p.paidOn > asOf) continue;
    const invoiced = p.invoices.filter((i) => i.issuedOn <= asOf).reduce((s, i) => s + i.amountFen, 0);
    if (invoiced >= p.amountFen) continue;
    gaps.push(
      invoiced === 0
        ? `合同 ${p.contractNo}：${p.paidOn} 支付 ${formatYuan(p.amountFen)} 无发票`
        : `合同 ${p.contractNo}：${p.paidOn} 支付 ${formatYuan(p.amountFen)}，发票仅 ${formatYuan(invoiced)}`,
    );
  }
  return gaps;
}

/** Rule F4 on what was paid: payments whose summary or invoice items name a forbidden use, in Chinese. */
export function forbiddenPayments(
  payments: readonly LedgerPayment[],
  asOf: string,
  uses: readonly ForbiddenUse[] = FORBIDDEN_USES,
): string[] {
  const found: string[] = [];
  for (const p of payments) {
    if (p.paidOn > asOf) continue;
    const texts = [p.note, ...p.invoices.filter((i) => i.issuedOn <= asOf).map((i) => i.itemName ?? "")];
    const hits = texts.flatMap((t) => findForbiddenUses(t, uses));
    if (hits.length === 0) continue;
    const terms = [...new Set(hits.map((h) => `“${h.term}”`))].join("、");
    found.push(
      `合同 ${p.contractNo}：${p.paidOn} 支付 ${formatYuan(p.amountFen)} 用于禁止用途 ${terms}（规则 F4）`,
    );
  }
  return found;
}
