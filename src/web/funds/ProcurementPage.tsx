/**
 * Tenders and contracts of a county: red flags beside each tender (F5, T3, M2), contracts with
 * deliverables (E4) and the payment ledger (F7, F8); the payment form checks the schedule as the
 * amount is typed, with the same checkPayments the server runs.
 */
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Tooltip,
} from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { checkPayments, findForbiddenUses, retainageOf } from "../../rules/funds";
import { formatYuan, yuanToFen } from "../../rules/money";
import { type RedFlagId, TENDER_METHODS } from "../../rules/procurement";
import { fetchProcedure } from "../acceptance/procedure.api";
import { useProcedureText } from "../acceptance/procedure.messages";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { chinaToday, dateText, dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import { useContractFilter } from "./ContractFilter";
import { TerminationModal, TerminationPanel } from "./ContractTermination";
import { type Contract, fundsApi, type Tender } from "./funds.api";
import ProgressChart from "./ProgressChart";

const today = () => chinaToday();
const ymd = (d: Dayjs | null | undefined) => dateText(d);
const DEADLINE = { met: "green", missed: "red", pending: "gold" } as const;
const DEADLINE_NAME = {
  met: { zh: "按期", en: "met" },
  missed: { zh: "逾期", en: "missed" },
  pending: { zh: "未到期", en: "pending" },
} as const;
/** Short names of the red flags for the tags; the full reason is in the tooltip. */
const RED_FLAG_NAME: Record<RedFlagId, { zh: string; en: string }> = {
  not_open_tender: { zh: "未公开招标", en: "not open" },
  single_bidder: { zh: "单一投标人", en: "single bidder" },
  short_bidding_window: { zh: "投标期过短", en: "short window" },
  award_near_estimate: { zh: "中标价贴近预算", en: "award near estimate" },
  identical_bids: { zh: "报价雷同", en: "identical bids" },
  shared_bidder_contact: { zh: "投标人信息雷同", en: "shared contacts" },
  slow_award: { zh: "定标迟缓", en: "slow award" },
  award_before_deadline: { zh: "截止前定标", en: "award before deadline" },
  contract_above_plan_line: { zh: "超出资金安排", en: "above plan line" },
  contract_before_plan_filed: { zh: "备案前签约", en: "before filing" },
  contract_outside_plan: { zh: "未批准调整", en: "unapproved change" },
};
/** A test id on a modal's OK button (antd types its props without data attributes). */
const okTestId = (id: string) => ({ "data-testid": id }) as ButtonProps;
const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
const fen = (text: string | undefined) => {
  const r = yuanToFen(text ?? "");
  return r.ok ? r.value : undefined;
};

export default function ProcurementPage() {
  const { code = "" } = useParams();
  const user = useUser();
  const { language } = useI18n();
  const { message } = App.useApp();
  const zh = language === "zh";
  const canEdit = user.role === "county_admin" || user.role === "province_admin";
  // The county's own administrator terminates a contract and supervises the handover (K2).
  const mayTerminate = user.role === "county_admin";
  const pt = useProcedureText();
  const summary = useRequest((signal) => fundsApi.summary(code, signal), [code]);
  const series = useRequest((signal) => fundsApi.progress(code, signal), [code]);
  const tenders = useRequest((signal) => fundsApi.tenders(code, signal), [code]);
  const contracts = useRequest((signal) => fundsApi.contracts(code, signal), [code]);
  const contractFilter = useContractFilter(contracts.data ?? [], zh);
  const plans = useRequest((signal) => fundsApi.plans(code, signal), [code]);
  // The 10% retainage becomes payable once the province approved the acceptance filing (K1, F7).
  const procedure = useRequest((signal) => fetchProcedure(code, chinaToday(), signal), [code]);
  const acceptedOn =
    procedure.data?.procedure.find((p) => p.step === "province_review" && p.status === "done")?.date ?? null;
  const planInEffect = useRequest(
    (signal) =>
      plans.data?.inEffectId
        ? fundsApi.plan(code, plans.data.inEffectId, signal)
        : Promise.resolve(undefined),
    [code, plans.data?.inEffectId],
  );
  const [modal, setModal] = useState<
    | { kind: "tender" }
    | { kind: "award"; tender: Tender }
    | { kind: "contract" }
    | { kind: "payment"; contract: Contract }
    | { kind: "terminate"; contract: Contract }
  >();
  const [busy, setBusy] = useState(false);
  const reload = () => {
    summary.reload();
    series.reload();
    tenders.reload();
    contracts.reload();
    procedure.reload();
  };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      message.success(zh ? "已保存" : "Saved");
      setModal(undefined);
      reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const error = summary.error ?? tenders.error ?? contracts.error;
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!summary.data || !tenders.data || !contracts.data) return <PageLoading />;
  const s = summary.data;
  const terminations = new Map((procedure.data?.terminations ?? []).map((t) => [t.contractId, t]));
  const lineOptions = (planInEffect.data?.lines ?? []).map((l) => ({
    value: l.lineKey,
    label: `${l.categoryName} · ${l.description} · ${formatYuan(l.amountFen, zh ? "元" : "yuan")}`,
  }));

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Card
        title={<RuleTip rule="E4">{zh ? "建设与拨付进度" : "Progress"}</RuleTip>}
        extra={
          <Space>
            <a href={fundsApi.ledgerUrl(code)}>{zh ? "导出专账（Excel）" : "Ledger (Excel)"}</a>
            <a href={fundsApi.ocdsUrl(code)} target="_blank" rel="noreferrer">
              OCDS 1.1.5
            </a>
          </Space>
        }
      >
        <Space size="large" wrap>
          <Statistic
            title={zh ? "建设进度" : "Construction"}
            value={pct(s.progress.constructionBp)}
            valueStyle={{ color: s.progress.constructionBp < 4000 ? "#cf1322" : undefined }}
          />
          <Statistic
            title={zh ? "拨付进度" : "Disbursement"}
            value={pct(s.progress.disbursementBp)}
            valueStyle={{ color: s.progress.disbursementBp < 4000 ? "#cf1322" : undefined }}
          />
          <Statistic
            title={zh ? "已拨付" : "Paid"}
            value={formatYuan(s.progress.paidFen, zh ? "元" : "yuan")}
          />
          <Statistic
            title={zh ? "合同金额" : "Contracted"}
            value={formatYuan(s.contractedFen, zh ? "元" : "yuan")}
          />
          <Space orientation="vertical">
            {s.progress.isAtRisk && (
              <Tag color="red" data-testid="e4-risk">
                {zh ? "一票否决风险（进度低于40%）" : "Veto risk (progress below 40%)"}
              </Tag>
            )}
            <Tag color={DEADLINE[s.deadlines.m2.status]}>
              <RuleTip rule="M2">{zh ? "招标完成" : "Tenders done"}</RuleTip> {s.deadlines.m2.dueOn}：
              {DEADLINE_NAME[s.deadlines.m2.status][language]}
            </Tag>
            {s.unapprovedChanges.length > 0 && (
              <Tag color="magenta">
                {zh
                  ? `未经批准即实施的调整 ${s.unapprovedChanges.length} 项（一票否决）`
                  : `${s.unapprovedChanges.length} change(s) carried out unapproved (veto)`}
              </Tag>
            )}
          </Space>
        </Space>
        {series.data && series.data.length > 1 && <ProgressChart points={series.data} language={language} />}
      </Card>

      <Card
        title={zh ? "招标项目" : "Tenders"}
        // On a narrow screen the table scrolls inside its card, not the page.
        styles={{ body: { overflowX: "auto" } }}
        extra={
          canEdit && (
            <Button onClick={() => setModal({ kind: "tender" })} data-testid="tender-new">
              {zh ? "登记招标" : "Record a tender"}
            </Button>
          )
        }
      >
        <Table<Tender>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={tenders.data}
          data-testid="tender-table"
          expandable={{
            expandedRowRender: (t) => (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={t.bidders}
                columns={[
                  { title: zh ? "投标人" : "Bidder", dataIndex: "name" },
                  {
                    title: zh ? "报价（元）" : "Bid (yuan)",
                    render: (_, b) => (b.bidFen === null ? "—" : formatYuan(b.bidFen, "")),
                  },
                  { title: zh ? "地址" : "Address", dataIndex: "address" },
                  { title: zh ? "电话" : "Phone", dataIndex: "phone" },
                  { title: zh ? "联系人" : "Contact", dataIndex: "contact" },
                  {
                    title: "",
                    render: (_, b) => (b.isWinner ? <Tag color="green">{zh ? "中标" : "winner"}</Tag> : null),
                  },
                ]}
              />
            ),
          }}
          columns={[
            { title: zh ? "编号" : "No.", dataIndex: "tenderNo", width: 130 },
            { title: zh ? "项目" : "Title", dataIndex: "title" },
            { title: zh ? "方式" : "Method", dataIndex: "methodName", width: 90 },
            {
              title: zh ? "招标文件发出 → 截止" : "Documents → deadline",
              width: 190,
              render: (_, t) => `${t.documentsIssuedOn ?? "—"} → ${t.bidDeadline ?? "—"}`,
            },
            {
              title: zh ? "定标" : "Award",
              width: 190,
              render: (_, t) =>
                t.awardedOn ? (
                  `${t.awardedOn} · ${formatYuan(t.awardFen ?? 0, zh ? "元" : "yuan")}`
                ) : canEdit && t.bidders.length > 0 ? (
                  <Button
                    size="small"
                    onClick={() => setModal({ kind: "award", tender: t })}
                    data-testid={`tender-award-${t.tenderNo}`}
                  >
                    {zh ? "定标" : "Award"}
                  </Button>
                ) : (
                  "—"
                ),
            },
            {
              title: <RuleTip rule="M2">{zh ? "按期招标" : "On time"}</RuleTip>,
              width: 90,
              render: (_, t) => (
                <Tag color={DEADLINE[t.deadlineM2]}>{DEADLINE_NAME[t.deadlineM2][language]}</Tag>
              ),
            },
            {
              title: zh ? "风险提示" : "Red flags",
              width: 140,
              render: (_, t) => (
                <Space wrap size={4} data-testid={`tender-flags-${t.tenderNo}`}>
                  {t.redFlags.length === 0 && <Tag color="green">{zh ? "无" : "none"}</Tag>}
                  {t.redFlags.map((f) => (
                    <Tooltip key={f.reason} title={f.reason}>
                      <Tag color="red" data-flag={f.id}>
                        {RED_FLAG_NAME[f.id][language]}
                      </Tag>
                    </Tooltip>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        title={zh ? "合同与拨付台账" : "Contracts and payments"}
        // On a narrow screen the table scrolls inside its card, not the page.
        styles={{ body: { overflowX: "auto" } }}
        extra={
          canEdit && (
            <Button onClick={() => setModal({ kind: "contract" })} data-testid="contract-new">
              {zh ? "登记合同" : "Record a contract"}
            </Button>
          )
        }
      >
        {contractFilter.bar}
        <Table<Contract>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={contractFilter.shown}
          data-testid="contract-table"
          expandable={{
            expandedRowRender: (c) => (
              <Space orientation="vertical" style={{ width: "100%" }}>
                {terminations.has(c.id) && (
                  <TerminationPanel
                    code={code}
                    termination={terminations.get(c.id)!}
                    contracts={contracts.data ?? []}
                    tenders={tenders.data ?? []}
                    mayAct={mayTerminate}
                    today={chinaToday()}
                    onChange={reload}
                  />
                )}
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={c.deliverables}
                  columns={[
                    { title: zh ? "交付内容" : "Deliverable", dataIndex: "name" },
                    { title: zh ? "金额（元）" : "Amount", render: (_, d) => formatYuan(d.amountFen, "") },
                    { title: zh ? "计划完成" : "Due", dataIndex: "dueOn" },
                    {
                      title: zh ? "完成" : "Done",
                      render: (_, d) => (
                        <Space>
                          <Switch
                            size="small"
                            checked={d.isDone}
                            disabled={!canEdit}
                            onChange={(on) =>
                              run(() => fundsApi.markDone(code, c.id, d.id, on ? today() : null))
                            }
                          />
                          {d.doneOn}
                        </Space>
                      ),
                    },
                  ]}
                />
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={c.payments}
                  columns={[
                    { title: zh ? "拨付日期" : "Paid on", dataIndex: "paidOn" },
                    { title: zh ? "金额（元）" : "Amount", render: (_, p) => formatYuan(p.amountFen, "") },
                    { title: zh ? "摘要" : "Note", dataIndex: "note" },
                    {
                      title: zh ? "发票" : "Invoices",
                      render: (_, p) => (
                        <Space wrap>
                          {p.invoices.map((i) => (
                            <Tag key={i.id}>{i.invoiceNo}</Tag>
                          ))}
                          {p.isInvoiceShort && <Tag color="orange">{zh ? "发票不全" : "invoices short"}</Tag>}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          }}
          columns={[
            { title: zh ? "合同编号" : "No.", dataIndex: "contractNo", width: 130 },
            {
              title: zh ? "合同" : "Title",
              key: "title",
              render: (_, c) => {
                const t = terminations.get(c.id);
                return (
                  <Space size={4} wrap>
                    {c.title}
                    {t && (
                      <Tag color="red" data-testid={`terminated-${c.contractNo}`}>
                        {pt("terminated", { date: t.terminatedOn })}
                      </Tag>
                    )}
                    {t && (
                      <Tag color={t.handoverDone ? "green" : "orange"}>
                        {t.handoverDone ? pt("handoverDone") : pt("handoverItems")}
                      </Tag>
                    )}
                  </Space>
                );
              },
            },
            { title: zh ? "承办企业" : "Contractor", dataIndex: "contractorName", width: 160 },
            {
              title: zh ? "金额（元）" : "Amount",
              width: 130,
              align: "right",
              render: (_, c) => formatYuan(c.amountFen, ""),
            },
            {
              title: zh ? "已拨付" : "Paid",
              width: 120,
              render: (_, c) => (
                <Progress percent={Math.min(100, c.paidBp / 100)} size="small" format={() => pct(c.paidBp)} />
              ),
            },
            {
              title: zh ? "尾款（10%）" : "Retainage (10%)",
              width: 150,
              render: (_, c) => {
                const terminatedOn = terminations.get(c.id)?.terminatedOn ?? null;
                const r = retainageOf(c.amountFen, c.paidFen, acceptedOn, undefined, terminatedOn);
                const text =
                  r.state === "paid"
                    ? zh
                      ? "已付清"
                      : "paid"
                    : r.state === "terminated"
                      ? zh
                        ? "合同已终止，按终止决定结算"
                        : "contract terminated: settled by the termination decision"
                      : r.state === "payable"
                        ? `${zh ? "自" : "payable from"} ${r.payableSince}${zh ? " 起可支付" : ""}`
                        : zh
                          ? "验收通过后支付"
                          : "after acceptance";
                return (
                  <Space orientation="vertical" size={0} data-testid={`retainage-${c.contractNo}`}>
                    <span>{formatYuan(r.retainedFen, zh ? "元" : "yuan")}</span>
                    <Tag color={r.state === "payable" ? "green" : r.state === "paid" ? "default" : "orange"}>
                      {text}
                    </Tag>
                  </Space>
                );
              },
            },
            {
              title: zh ? "问题与提示" : "Problems",
              width: 200,
              render: (_, c) => (
                <Space wrap size={4} data-testid={`contract-problems-${c.contractNo}`}>
                  {c.problems.length + c.redFlags.length === 0 && (
                    <Tag color="green">{zh ? "无" : "none"}</Tag>
                  )}
                  {[...c.problems, ...c.redFlags.map((f) => f.reason)].map((p) => (
                    <Tooltip key={p} title={p}>
                      <Tag
                        color="red"
                        style={{ maxWidth: 190, overflow: "hidden", textOverflow: "ellipsis" }}
                      >
                        {p}
                      </Tag>
                    </Tooltip>
                  ))}
                </Space>
              ),
            },
            {
              width: 100,
              render: (_, c) => (
                <Space orientation="vertical" size={4}>
                  {canEdit && (
                    <Button
                      size="small"
                      onClick={() => setModal({ kind: "payment", contract: c })}
                      data-testid={`pay-${c.contractNo}`}
                    >
                      {zh ? "登记拨付" : "Pay"}
                    </Button>
                  )}
                  {mayTerminate && !terminations.has(c.id) && procedure.data && (
                    <Button
                      size="small"
                      danger
                      onClick={() => setModal({ kind: "terminate", contract: c })}
                      data-testid={`terminate-${c.contractNo}`}
                    >
                      {pt("terminate")}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {modal?.kind === "tender" && (
        <TenderModal
          zh={zh}
          busy={busy}
          lineOptions={lineOptions}
          onCancel={() => setModal(undefined)}
          onSave={(body) => run(() => fundsApi.createTender(code, body))}
        />
      )}
      {modal?.kind === "award" && (
        <AwardModal
          zh={zh}
          busy={busy}
          tender={modal.tender}
          onCancel={() => setModal(undefined)}
          onSave={(body) => run(() => fundsApi.award(code, modal.tender.id, body))}
        />
      )}
      {modal?.kind === "contract" && (
        <ContractModal
          zh={zh}
          busy={busy}
          tenders={tenders.data}
          lineOptions={lineOptions}
          onCancel={() => setModal(undefined)}
          onSave={(body) => run(() => fundsApi.createContract(code, body))}
        />
      )}
      {modal?.kind === "terminate" && (
        <TerminationModal
          code={code}
          contract={modal.contract}
          today={chinaToday()}
          onClose={(changed) => {
            setModal(undefined);
            if (changed) reload();
          }}
        />
      )}
      {modal?.kind === "payment" && (
        <PaymentModal
          zh={zh}
          busy={busy}
          contract={modal.contract}
          onCancel={() => setModal(undefined)}
          onSave={(body) => run(() => fundsApi.pay(code, modal.contract.id, body))}
        />
      )}
    </Space>
  );
}

type ModalProps<T> = { zh: boolean; busy: boolean; onCancel: () => void; onSave: (body: T) => void };
type Option = { value: string; label: string };

function TenderModal({
  zh,
  busy,
  lineOptions,
  onCancel,
  onSave,
}: ModalProps<object> & { lineOptions: Option[] }) {
  const [form] = Form.useForm();
  return (
    <Modal
      open
      width={760}
      title={zh ? "登记招标项目" : "Record a tender"}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={okTestId("tender-save")}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ method: "open", bidders: [{}, {}, {}] }}
        onFinish={(v) =>
          onSave({
            tenderNo: v.tenderNo,
            title: v.title,
            method: v.method,
            estimateFen: fen(v.estimate) ?? null,
            lineKeys: v.lineKeys ?? [],
            announcedOn: ymd(v.documentsIssuedOn),
            documentsIssuedOn: ymd(v.documentsIssuedOn),
            bidDeadline: ymd(v.bidDeadline),
            responsiblePerson: v.responsiblePerson || null,
            bidders: (v.bidders ?? [])
              .filter((b: { name?: string }) => b?.name)
              .map((b: Record<string, string>) => ({
                name: b.name,
                address: b.address || null,
                phone: b.phone || null,
                contact: b.contact || null,
                bidFen: fen(b.bid) ?? null,
              })),
          })
        }
      >
        <Space wrap>
          <Form.Item name="tenderNo" label={zh ? "招标编号" : "Tender no."} rules={[{ required: true }]}>
            <Input data-testid="tender-no" />
          </Form.Item>
          <Form.Item name="method" label={zh ? "采购方式" : "Method"}>
            <Select
              style={{ width: 160 }}
              options={TENDER_METHODS.map((m) => ({ value: m.key, label: m.name[zh ? "zh" : "en"] }))}
            />
          </Form.Item>
          <Form.Item name="estimate" label={zh ? "预算（元）" : "Estimate (yuan)"}>
            <Input data-testid="tender-estimate" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={zh ? "项目名称" : "Title"} rules={[{ required: true }]}>
          <Input data-testid="tender-title" />
        </Form.Item>
        <Form.Item name="lineKeys" label={zh ? "对应资金安排" : "Plan lines"}>
          <Select mode="multiple" options={lineOptions} data-testid="tender-lines" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="documentsIssuedOn" label={zh ? "招标文件发出日" : "Documents issued"}>
            <DatePicker data-testid="tender-documents-issued" />
          </Form.Item>
          <Form.Item name="bidDeadline" label={zh ? "投标截止日（不少于20日）" : "Bid deadline (≥ 20 days)"}>
            <DatePicker data-testid="tender-bid-deadline" />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={zh ? "项目负责人" : "Responsible person"}>
            <Input data-testid="tender-responsible" />
          </Form.Item>
        </Space>
        <Form.List name="bidders">
          {(fields, { add }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap>
                  <Form.Item name={[field.name, "name"]} label={zh ? "投标人" : "Bidder"}>
                    <Input data-testid={`bidder-name-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "bid"]} label={zh ? "报价（元）" : "Bid (yuan)"}>
                    <Input style={{ width: 130 }} data-testid={`bidder-bid-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "address"]} label={zh ? "地址" : "Address"}>
                    <Input data-testid={`bidder-address-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "phone"]} label={zh ? "电话" : "Phone"}>
                    <Input style={{ width: 130 }} data-testid={`bidder-phone-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "contact"]} label={zh ? "联系人" : "Contact"}>
                    <Input style={{ width: 90 }} />
                  </Form.Item>
                </Space>
              ))}
              <Button onClick={() => add({})}>{zh ? "添加投标人" : "Add a bidder"}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function AwardModal({
  zh,
  busy,
  tender,
  onCancel,
  onSave,
}: ModalProps<{ bidderId: string; awardedOn: string; amountFen: number }> & { tender: Tender }) {
  const [bidderId, setBidderId] = useState<string>();
  const [awardedOn, setAwardedOn] = useState(today());
  const [amount, setAmount] = useState("");
  const amountFen = fen(amount);
  return (
    <Modal
      open
      title={`${zh ? "定标" : "Award"}：${tender.title}`}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ ...okTestId("award-save"), disabled: !bidderId || amountFen === undefined }}
      onOk={() => bidderId && amountFen !== undefined && onSave({ bidderId, awardedOn, amountFen })}
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Select
          style={{ width: "100%" }}
          placeholder={zh ? "中标人" : "Winner"}
          data-testid="award-bidder"
          value={bidderId}
          onChange={(id) => {
            setBidderId(id);
            const bid = tender.bidders.find((b) => b.id === id)?.bidFen;
            if (bid !== null && bid !== undefined) setAmount(formatYuan(bid, ""));
          }}
          options={tender.bidders.map((b) => ({ value: b.id, label: b.name }))}
        />
        <DatePicker
          value={dateValue(awardedOn)}
          onChange={(d) => setAwardedOn(ymd(d) ?? today())}
          allowClear={false}
          data-testid="award-date"
        />
        <Input
          addonAfter={zh ? "元" : "yuan"}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          status={amount && amountFen === undefined ? "error" : undefined}
          data-testid="award-amount"
        />
      </Space>
    </Modal>
  );
}

function ContractModal({
  zh,
  busy,
  tenders,
  lineOptions,
  onCancel,
  onSave,
}: ModalProps<object> & { tenders: Tender[]; lineOptions: Option[] }) {
  const [form] = Form.useForm();
  return (
    <Modal
      open
      width={760}
      title={zh ? "登记合同" : "Record a contract"}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={okTestId("contract-save")}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ deliverables: [{}] }}
        onValuesChange={(changed) => {
          const tender = tenders.find((t) => t.id === changed.tenderId);
          if (tender) {
            const winner = tender.bidders.find((b) => b.isWinner);
            form.setFieldsValue({
              title: `${tender.title}${zh ? "合同" : " contract"}`,
              contractorName: winner?.name,
              amount: tender.awardFen === null ? undefined : formatYuan(tender.awardFen, ""),
              lineKeys: tender.lineKeys,
            });
          }
        }}
        onFinish={(v) =>
          onSave({
            contractNo: v.contractNo,
            title: v.title,
            tenderId: v.tenderId ?? null,
            contractorName: v.contractorName,
            amountFen: fen(v.amount),
            lineKeys: v.lineKeys ?? [],
            signedOn: ymd(v.signedOn),
            startOn: ymd(v.startOn),
            completionDue: ymd(v.completionDue),
            deliverables: (v.deliverables ?? [])
              .filter((d: { name?: string }) => d?.name)
              .map((d: { name: string; amount?: string; dueOn?: Dayjs }) => ({
                name: d.name,
                amountFen: fen(d.amount) ?? 0,
                dueOn: ymd(d.dueOn),
                doneOn: null,
              })),
          })
        }
      >
        <Space wrap>
          <Form.Item name="contractNo" label={zh ? "合同编号" : "Contract no."} rules={[{ required: true }]}>
            <Input data-testid="contract-no" />
          </Form.Item>
          <Form.Item name="tenderId" label={zh ? "招标项目" : "Tender"}>
            <Select
              allowClear
              style={{ width: 280 }}
              options={tenders.map((t) => ({ value: t.id, label: `${t.tenderNo} ${t.title}` }))}
              data-testid="contract-tender"
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={zh ? "合同名称" : "Title"} rules={[{ required: true }]}>
          <Input data-testid="contract-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="contractorName"
            label={zh ? "承办企业" : "Contractor"}
            rules={[{ required: true }]}
          >
            <Input style={{ width: 260 }} data-testid="contract-contractor" />
          </Form.Item>
          <Form.Item
            name="amount"
            label={zh ? "合同金额（元）" : "Amount (yuan)"}
            rules={[
              {
                required: true,
                validator: async (_, v) => {
                  if (fen(v) === undefined) throw new Error(zh ? "金额格式不正确" : "Bad amount");
                },
              },
            ]}
          >
            <Input data-testid="contract-amount" />
          </Form.Item>
        </Space>
        <Form.Item name="lineKeys" label={zh ? "对应资金安排" : "Plan lines"}>
          <Select mode="multiple" options={lineOptions} data-testid="contract-lines" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="signedOn" label={zh ? "签订日期" : "Signed"} rules={[{ required: true }]}>
            <DatePicker data-testid="contract-signed-on" />
          </Form.Item>
          <Form.Item name="startOn" label={zh ? "开工日期" : "Start"}>
            <DatePicker data-testid="contract-start-on" />
          </Form.Item>
          <Form.Item name="completionDue" label={zh ? "计划完工" : "Completion due"}>
            <DatePicker data-testid="contract-completion-due" />
          </Form.Item>
        </Space>
        <Form.List name="deliverables">
          {(fields, { add }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap>
                  <Form.Item name={[field.name, "name"]} label={zh ? "交付内容" : "Deliverable"}>
                    <Input style={{ width: 260 }} data-testid={`deliverable-name-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "amount"]} label={zh ? "金额（元）" : "Amount (yuan)"}>
                    <Input style={{ width: 150 }} data-testid={`deliverable-amount-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "dueOn"]} label={zh ? "计划完成" : "Due"}>
                    <DatePicker data-testid={`deliverable-due-${field.name}`} />
                  </Form.Item>
                </Space>
              ))}
              <Button onClick={() => add({})}>{zh ? "添加交付内容" : "Add a deliverable"}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function PaymentModal({ zh, busy, contract, onCancel, onSave }: ModalProps<object> & { contract: Contract }) {
  const [paidOn, setPaidOn] = useState(today());
  const [amount, setAmount] = useState("");
  const [invoiceNo, setInvoiceNo] = useState("");
  const [itemName, setItemName] = useState("");
  const [note, setNote] = useState("");
  // Rule F4 on what is paid: the summary and the invoice item, as the server checks them (C3).
  const forbidden = useMemo(() => findForbiddenUses(`${note}\n${itemName}`), [note, itemName]);
  const amountFen = fen(amount);
  // The same F7 check as the server, on the ledger plus the payment being typed.
  const check = useMemo(
    () =>
      contract.startOn && amountFen
        ? checkPayments(
            {
              contractFen: contract.amountFen,
              accepted: !!contract.acceptedOn && contract.acceptedOn <= paidOn,
              started: contract.startOn,
              payments: [
                ...contract.payments.map((p) => ({ date: p.paidOn, amountFen: p.amountFen })),
                { date: paidOn, amountFen },
              ],
            },
            { lang: zh ? "zh" : "en" },
          )
        : undefined,
    [contract, amountFen, paidOn, zh],
  );
  return (
    <Modal
      open
      title={`${zh ? "登记拨付" : "Record a payment"}：${contract.contractNo}`}
      onCancel={onCancel}
      confirmLoading={busy}
      okButtonProps={{ ...okTestId("payment-save"), disabled: !amountFen, id: "payment-save" }}
      onOk={() =>
        amountFen &&
        onSave({
          paidOn,
          amountFen,
          note,
          invoices: invoiceNo ? [{ invoiceNo, amountFen, issuedOn: paidOn, itemName: itemName || null }] : [],
        })
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        <span>
          {zh ? "合同金额" : "Contract"} {formatYuan(contract.amountFen, zh ? "元" : "yuan")} ·{" "}
          {zh ? "已拨付" : "paid"} {formatYuan(contract.paidFen, zh ? "元" : "yuan")} ·{" "}
          {zh ? "开工" : "start"} {contract.startOn ?? "—"}
        </span>
        <DatePicker
          value={dateValue(paidOn)}
          onChange={(d) => setPaidOn(ymd(d) ?? today())}
          allowClear={false}
          data-testid="payment-date"
        />
        <Input
          addonAfter={zh ? "元" : "yuan"}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          status={amount && amountFen === undefined ? "error" : undefined}
          data-testid="payment-amount"
        />
        <Input
          placeholder={zh ? "发票号" : "Invoice no."}
          value={invoiceNo}
          onChange={(e) => setInvoiceNo(e.target.value)}
          data-testid="payment-invoice"
        />
        <Input
          placeholder={zh ? "发票项目（货物或劳务名称）" : "Invoice item"}
          value={itemName}
          onChange={(e) => setItemName(e.target.value)}
          data-testid="payment-invoice-item"
        />
        <Input
          placeholder={zh ? "摘要" : "Note"}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="payment-note"
        />
        {forbidden.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="payment-forbidden"
            title={forbidden.map((h) => (zh ? h.reason.zh : h.reason.en)).join("；")}
          />
        )}
        {!contract.startOn && (
          <Alert
            type="warning"
            showIcon
            title={zh ? "合同未登记开工日期：开工后方可拨付" : "No start date: pay only after the start"}
          />
        )}
        {check && (
          <div data-testid="payment-live-check">
            {check.ok ? (
              <Alert
                type="success"
                showIcon
                title={<RuleTip rule="F7">{zh ? "符合拨付规则" : "Within the payment rules"}</RuleTip>}
              />
            ) : (
              <Alert type="error" showIcon title={check.problems.map((p) => p.reason).join("；")} />
            )}
          </div>
        )}
      </Space>
    </Modal>
  );
}
