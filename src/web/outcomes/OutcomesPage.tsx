/**
 * `/counties/:code/outcomes` — outcomes and the records the standard asks for (rules K3–K7, O9):
 * the judgements of C1, C2, C4, C5, D1–D4 with their measured figures, 年度指标 with the form
 * that saves a year and its source document, poor households' online sales, the staff roster with
 * the share of registered poor staff, and the record rosters shown to the assessor.
 */
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { describeMeasures } from "../../rules/acceptance/labels";
import { yuanToFen } from "../../rules/money";
import { FACILITY_KINDS } from "../../rules/outcomes";
import { ApiError } from "../api/client";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { AsOfNote, useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { percent, useL, yuan } from "../upward/upward-text";
import { type OutcomeJudgement, outcomesApi, outcomesExportUrl, type RecordRow } from "./outcomes.api";
import { RECORD_ROSTERS } from "./records";

const ITEM_TITLES: Record<string, [zh: string, en: string]> = {
  D1: ["电子商务交易额同比", "E-commerce transactions YoY"],
  D2: ["农产品网络零售额同比与带动就业", "Agricultural online retail YoY and jobs"],
  D3: ["贫困户网络销售", "Poor households' online sales"],
  D4: ["传统商贸企业转型", "Traditional commerce upgraded"],
  C1: ["领导小组与联席会议", "Leading group and joint meetings"],
  C2: ["现场检查记录", "On-site inspections"],
  C4: ["扶持政策、市场监管与信用评价", "Policies, supervision, credit"],
  C5: ["调研报告与宣传推广", "Research reports and publicity"],
};
const STATUS: Record<OutcomeJudgement["status"], { color: string; zh: string; en: string }> = {
  pass: { color: "green", zh: "达标", en: "Pass" },
  fail: { color: "red", zh: "未达标", en: "Fail" },
  pending: { color: "gold", zh: "待评估机构判定", en: "For the assessor" },
};

export default function OutcomesPage() {
  const { code = "" } = useParams();
  const L = useL();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "years";
  // The acceptance date with the demo loaded (2018-10-31), else today: D1/D2 compare its year with the one before.
  const fallback = useDefaultAsOf();
  const asOf = params.get("asOf") ?? fallback?.asOf;
  const summary = useRequest(
    async (signal) => (asOf ? outcomesApi.summary(code, asOf, signal) : undefined),
    [code, asOf],
  );
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {L("成效与工作记录", "Outcomes and records")}
      </Typography.Title>
      {asOf && <AsOfNote asOf={asOf} fallback={fallback} />}
      {summary.error ? (
        <ErrorResult error={summary.error} onRetry={summary.reload} />
      ) : summary.data ? (
        <Judgements items={summary.data.items} />
      ) : (
        <PageLoading />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: "years",
            label: L("年度指标", "Year figures"),
            children: <YearFigures countyCode={code} onChange={summary.reload} />,
          },
          {
            key: "sales",
            label: L("贫困户销售", "Poor households' sales"),
            children: <PoorSales countyCode={code} />,
          },
          {
            key: "staff",
            label: L("从业人员", "Staff"),
            children: asOf ? <Staff countyCode={code} asOf={asOf} /> : <PageLoading />,
          },
          { key: "records", label: L("工作记录", "Records"), children: <Records countyCode={code} /> },
        ]}
      />
    </Space>
  );
}

function Judgements({ items }: { items: Record<string, OutcomeJudgement> }) {
  const L = useL();
  const { language } = useI18n();
  const rows = Object.entries(ITEM_TITLES).map(([id, [zh, en]]) => ({ id, title: L(zh, en), ...items[id]! }));
  return (
    <Table
      data-testid="outcome-judgements"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: L("验收项目", "Item"),
          dataIndex: "title",
          render: (t: string, r) => <span title={r.id}>{t}</span>,
        },
        {
          title: L("结果", "Result"),
          dataIndex: "status",
          render: (s: OutcomeJudgement["status"]) => (
            <Tag color={STATUS[s].color}>{L(STATUS[s].zh, STATUS[s].en)}</Tag>
          ),
        },
        {
          title: L("实测", "Measured"),
          dataIndex: "measured",
          render: (m: Record<string, unknown>) => describeMeasures(m, language),
        },
        { title: L("说明", "Note"), dataIndex: "note" },
      ]}
    />
  );
}

type YearForm = {
  year: number;
  transactions: string;
  ruralRetail: string;
  agriRetail: string;
  jobs: number;
  sourceDocument: string;
};

function YearFigures({ countyCode, onChange }: { countyCode: string; onChange: () => void }) {
  const L = useL();
  const { message } = App.useApp();
  const user = useUser();
  const canWrite = user.role === "county_admin" || user.role === "province_admin";
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<YearForm>();
  const years = useRequest((signal) => outcomesApi.years(countyCode, signal), [countyCode]);
  if (years.error) return <ErrorResult error={years.error} onRetry={years.reload} />;
  const fen = (text: string) => {
    const r = yuanToFen(String(text ?? ""));
    if (!r.ok) throw new Error(r.reason.zh);
    return r.value;
  };
  // The importer's own yuan parser; an empty field is the required rule's to report.
  const yuanRule = {
    validator: async (_: unknown, v: string) => {
      if (v) fen(v);
    },
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      await outcomesApi.saveYear(countyCode, v.year, {
        transactionsFen: fen(v.transactions),
        ruralRetailFen: fen(v.ruralRetail),
        agriRetailFen: fen(v.agriRetail),
        jobs: v.jobs,
        sourceDocument: v.sourceDocument,
      });
      message.success(L(`已保存${v.year}年年度指标`, `Saved ${v.year}`));
      setOpen(false);
      form.resetFields();
      years.reload();
      onChange();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {canWrite && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="year-figures-add">
            {L("填报年度指标", "Enter a year")}
          </Button>
        )}
        <Button href={outcomesExportUrl(countyCode, "years")}>{L("导出 Excel", "Export .xlsx")}</Button>
        <Typography.Text type="secondary">
          {L(
            "也可在县域工作簿的「年度指标」表中导入；当年未结束时填同期数。",
            "Or import the 年度指标 sheet of the county workbook; a year not yet over holds the same period.",
          )}
        </Typography.Text>
      </Space>
      <Table
        data-testid="year-figures"
        size="small"
        rowKey="year"
        loading={!years.data}
        pagination={false}
        dataSource={years.data?.items ?? []}
        columns={[
          { title: L("年份", "Year"), dataIndex: "year" },
          {
            title: L("电子商务交易额（元）", "E-commerce transactions (yuan)"),
            dataIndex: "transactionsFen",
            align: "right",
            render: (v: number, r) => <DemoValue isDemo={r.isDemo}>{yuan(v)}</DemoValue>,
          },
          {
            title: L("农村网络零售额（元）", "Rural online retail"),
            dataIndex: "ruralRetailFen",
            align: "right",
            render: yuan,
          },
          {
            title: L("农产品网络零售额（元）", "Agricultural online retail"),
            dataIndex: "agriRetailFen",
            align: "right",
            render: yuan,
          },
          { title: L("带动就业（人）", "Jobs"), dataIndex: "jobs", align: "right" },
          { title: L("来源文件", "Source document"), dataIndex: "sourceDocument" },
        ]}
      />
      <Modal
        open={isOpen}
        title={L("填报年度指标", "Enter a year's figures")}
        onOk={save}
        onCancel={() => setOpen(false)}
        okText={L("保存", "Save")}
        cancelText={L("取消", "Cancel")}
      >
        <Form form={form} layout="vertical" data-testid="year-figures-form">
          <Form.Item name="year" label={L("年份", "Year")} rules={[{ required: true }]}>
            <InputNumber min={2010} max={2035} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="transactions"
            label={L("电子商务交易额（元）", "E-commerce transactions (yuan)")}
            rules={[{ required: true }, yuanRule]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item
            name="ruralRetail"
            label={L("农村网络零售额（元）", "Rural online retail (yuan)")}
            rules={[{ required: true }, yuanRule]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item
            name="agriRetail"
            label={L("农产品网络零售额（元）", "Agricultural online retail (yuan)")}
            rules={[{ required: true }, yuanRule]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="jobs" label={L("带动就业（人）", "Jobs created")} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="sourceDocument"
            label={L("来源文件", "Source document")}
            rules={[{ required: true, max: 300 }]}
          >
            <Input
              placeholder={L("如：县统计局《2018年电子商务统计》", "e.g. the statistics bureau's report")}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function PoorSales({ countyCode }: { countyCode: string }) {
  const L = useL();
  const sales = useRequest((signal) => outcomesApi.poorSales(countyCode, signal), [countyCode]);
  if (sales.error) return <ErrorResult error={sales.error} onRetry={sales.reload} />;
  const items = sales.data?.items ?? [];
  const households = new Set(items.filter((s) => s.amountFen > 0).map((s) => s.household)).size;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text data-testid="poor-sales-total">
        {L(
          `有网络销售的贫困户 ${households} 户，销售额 ${yuan(items.reduce((s, i) => s + i.amountFen, 0))} 元，增收 ${yuan(items.reduce((s, i) => s + i.incomeGainFen, 0))} 元（O9）`,
          `${households} poor households with online sales (O9)`,
        )}
      </Typography.Text>
      <Table
        size="small"
        rowKey={(r) => `${r.household}-${r.month}`}
        loading={!sales.data}
        dataSource={items}
        columns={[
          { title: L("户编号", "Household"), dataIndex: "household" },
          { title: L("月份", "Month"), dataIndex: "month" },
          { title: L("销售数量", "Quantity"), dataIndex: "quantity", align: "right" },
          {
            title: L("销售额（元）", "Amount (yuan)"),
            dataIndex: "amountFen",
            align: "right",
            render: (v: number, r) => <DemoValue isDemo={r.isDemo}>{yuan(v)}</DemoValue>,
          },
          {
            title: L("增收（元）", "Income gain (yuan)"),
            dataIndex: "incomeGainFen",
            align: "right",
            render: yuan,
          },
        ]}
      />
    </Space>
  );
}

function Staff({ countyCode, asOf }: { countyCode: string; asOf: string }) {
  const L = useL();
  const staff = useRequest((signal) => outcomesApi.staff(countyCode, asOf, signal), [countyCode, asOf]);
  if (staff.error) return <ErrorResult error={staff.error} onRetry={staff.reload} />;
  if (!staff.data) return <PageLoading />;
  const kind = (k: string) => {
    const v = FACILITY_KINDS[k as keyof typeof FACILITY_KINDS];
    return v ? L(v.zh, v.en) : k;
  };
  const { county } = staff.data;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text data-testid="staff-share">
        {L(
          `在岗 ${county.staff} 人，其中建档立卡贫困人员 ${county.poorStaff} 人，占 ${percent(county.poorShareBp)}（K5 优先录用贫困人员）`,
          `${county.staff} staff, ${county.poorStaff} registered poor (${percent(county.poorShareBp)}; K5)`,
        )}
      </Typography.Text>
      <Table
        size="small"
        rowKey={(r) => `${r.facilityKind}-${r.facilityCode}`}
        pagination={false}
        dataSource={staff.data.facilities}
        columns={[
          { title: L("设施类型", "Facility"), dataIndex: "facilityKind", render: kind },
          { title: L("编号", "Code"), dataIndex: "facilityCode" },
          { title: L("在岗人数", "Staff"), dataIndex: "staff", align: "right" },
          { title: L("贫困人员", "Registered poor"), dataIndex: "poorStaff", align: "right" },
          { title: L("占比", "Share"), dataIndex: "poorShareBp", align: "right", render: percent },
        ]}
      />
    </Space>
  );
}

function Records({ countyCode }: { countyCode: string }) {
  const L = useL();
  const [path, setPath] = useState(RECORD_ROSTERS[0]!.path);
  const roster = RECORD_ROSTERS.find((r) => r.path === path)!;
  const rows = useRequest((signal) => outcomesApi.records(countyCode, path, signal), [countyCode, path]);
  const cell = (value: unknown, vocabulary?: Record<string, { zh: string; en: string }>) => {
    if (typeof value === "boolean") return value ? L("是", "Yes") : L("否", "No");
    if (vocabulary && typeof value === "string" && vocabulary[value])
      return L(vocabulary[value].zh, vocabulary[value].en);
    return value === null || value === undefined ? "" : String(value);
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          data-testid="record-roster"
          style={{ minWidth: 220 }}
          value={path}
          onChange={setPath}
          options={RECORD_ROSTERS.map((r) => ({
            value: r.path,
            label: `${L(r.label.zh, r.label.en)}（${r.rule}）`,
          }))}
        />
        <Button href={outcomesExportUrl(countyCode, path)}>{L("导出 Excel", "Export .xlsx")}</Button>
      </Space>
      {rows.error ? (
        <ErrorResult error={rows.error} onRetry={rows.reload} />
      ) : (
        <Table<RecordRow>
          data-testid="record-table"
          size="small"
          rowKey="id"
          loading={!rows.data}
          dataSource={rows.data?.items ?? []}
          columns={roster.columns.map((col, i) => ({
            title: L(col.label.zh, col.label.en),
            dataIndex: col.key,
            render: (v: unknown, r: RecordRow) =>
              i === 0 ? (
                <DemoValue isDemo={r.isDemo}>{cell(v, col.vocabulary)}</DemoValue>
              ) : (
                cell(v, col.vocabulary)
              ),
          }))}
        />
      )}
    </Space>
  );
}
