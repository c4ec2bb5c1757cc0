/**
 * The county's dedicated ledger (专账, rule F8) as a workbook: every payment per contract with its
 * invoices and running totals, and the F7/F8 problems beside it.
 */
import ExcelJS from "exceljs";
import { formatBp } from "../../rules/money";
import { neutraliseFormulaText } from "../platform/workbook/formula-safe";
import type { FundsAnalysis } from "./analyze-funds";
import type { FundsSnapshot } from "./funds-snapshot.repository";

const YUAN = "#,##0.00";
const yuan = (fen: number) => fen / 100;

export async function buildLedgerWorkbook(snapshot: FundsSnapshot, analysis: FundsAnalysis): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "shifan";
  const ledger = workbook.addWorksheet("专账");
  ledger.columns = [
    { header: "合同编号", key: "contractNo", width: 16 },
    { header: "合同名称", key: "title", width: 30 },
    { header: "承办企业", key: "contractor", width: 24 },
    { header: "合同金额(元)", key: "amount", width: 16, style: { numFmt: YUAN } },
    { header: "拨付日期", key: "paidOn", width: 12 },
    { header: "拨付金额(元)", key: "paid", width: 16, style: { numFmt: YUAN } },
    { header: "累计拨付(元)", key: "running", width: 16, style: { numFmt: YUAN } },
    { header: "累计比例", key: "share", width: 10 },
    { header: "摘要", key: "note", width: 20 },
    { header: "发票号", key: "invoiceNo", width: 18 },
    { header: "发票金额(元)", key: "invoiced", width: 16, style: { numFmt: YUAN } },
    { header: "开票日期", key: "issuedOn", width: 12 },
    { header: "发票项目", key: "itemName", width: 20 },
  ];
  ledger.getRow(1).font = { bold: true };
  for (const c of analysis.contracts) {
    let running = 0;
    for (const p of c.payments) {
      running += p.amount_fen;
      const invoices = p.invoices.length ? p.invoices : [undefined];
      invoices.forEach((invoice, i) => {
        ledger.addRow({
          contractNo: c.contract.contract_no,
          title: c.contract.title,
          contractor: c.contract.contractor_name,
          amount: yuan(c.contract.amount_fen),
          paidOn: i === 0 ? p.paid_on : "",
          paid: i === 0 ? yuan(p.amount_fen) : null,
          running: i === 0 ? yuan(running) : null,
          share:
            i === 0 && c.contract.amount_fen > 0
              ? formatBp(Math.floor((running * 10000) / c.contract.amount_fen))
              : "",
          note: i === 0 ? p.note : "",
          invoiceNo: invoice?.invoice_no ?? "（无发票）",
          invoiced: invoice ? yuan(invoice.amount_fen) : null,
          issuedOn: invoice?.issued_on ?? "",
          itemName: invoice?.item_name ?? "",
        });
      });
    }
  }
  const total = ledger.addRow({ contractNo: "合计", paid: yuan(analysis.progress.paidFen) });
  total.font = { bold: true };

  const problems = workbook.addWorksheet("问题");
  problems.columns = [
    { header: "合同编号", key: "contractNo", width: 16 },
    { header: "问题", key: "problem", width: 100 },
  ];
  problems.getRow(1).font = { bold: true };
  for (const c of analysis.contracts) {
    for (const p of c.problems) problems.addRow({ contractNo: c.contract.contract_no, problem: p });
    for (const f of c.flags) problems.addRow({ contractNo: c.contract.contract_no, problem: f.reason });
  }
  const about = workbook.addWorksheet("说明");
  about.addRow(["县", `${snapshot.county.name}（${snapshot.county.code}）`]);
  about.addRow(["截至", analysis.asOf]);
  about.addRow(["中央补助资金(元)", yuan(snapshot.county.subsidyFen)]);
  about.addRow(["资金拨付进度", formatBp(analysis.progress.disbursementBp)]);
  neutraliseFormulaText(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
