/**
 * `/counties/:code/outcomes` — outcomes and the records the standard asks for (rules K3–K7, O9):
 * the judgements of C1, C2, C4, C5, D1–D4 with their measured figures, 年度指标 with the form
 * that saves a year and its source document, poor households' online sales, the staff roster with
 * the share of registered poor staff, and the record rosters shown to the assessor — each with
 * the forms a county officer keeps them with (PoorSalesTab, StaffTab, RecordsTab).
 */
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
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
import { ApiError } from "../api/client";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { fenToYuanInput } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { AsOfNote, useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { yuan } from "../upward/upward-text";
import {
  type OutcomeJudgement,
  outcomesApi,
  outcomesExportUrl,
  type YearFigures as YearFiguresRow,
} from "./outcomes.api";
import { type OutcomesTextKey, useOutcomesText } from "./outcomes.messages";
import { PoorSalesTab } from "./PoorSalesTab";
import { RecordsTab } from "./RecordsTab";
import { StaffTab } from "./StaffTab";

const ITEMS = ["D1", "D2", "D3", "D4", "C1", "C2", "C4", "C5"] as const;
const STATUS_COLOR: Record<OutcomeJudgement["status"], string> = {
  pass: "green",
  fail: "red",
  pending: "gold",
};

export default function OutcomesPage() {
  const { code = "" } = useParams();
  const text = useOutcomesText();
  const user = useUser();
  // Those who keep the county's records (the server decides; the page only hides what it would refuse).
  const canWrite = user.role === "county_admin" || user.role === "province_admin";
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
        {text("title")}
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
            label: text("tabYears"),
            children: <YearFigures countyCode={code} canWrite={canWrite} onChange={summary.reload} />,
          },
          {
            key: "sales",
            label: text("tabSales"),
            children: <PoorSalesTab countyCode={code} canWrite={canWrite} onChange={summary.reload} />,
          },
          {
            key: "staff",
            label: text("tabStaff"),
            children: asOf ? (
              <StaffTab countyCode={code} asOf={asOf} canWrite={canWrite} onChange={summary.reload} />
            ) : (
              <PageLoading />
            ),
          },
          {
            key: "records",
            label: text("tabRecords"),
            children: <RecordsTab countyCode={code} canWrite={canWrite} onChange={summary.reload} />,
          },
        ]}
      />
    </Space>
  );
}

function Judgements({ items }: { items: Record<string, OutcomeJudgement> }) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const rows = ITEMS.map((id) => ({ id, title: text(`item.${id}` as OutcomesTextKey), ...items[id]! }));
  return (
    <Table
      data-testid="outcome-judgements"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          title: text("colItem"),
          dataIndex: "title",
          render: (t: string, r) => <span title={r.id}>{t}</span>,
        },
        {
          title: text("colResult"),
          dataIndex: "status",
          render: (s: OutcomeJudgement["status"]) => (
            <Tag color={STATUS_COLOR[s]}>{text(`status.${s}` as OutcomesTextKey)}</Tag>
          ),
        },
        {
          title: text("colMeasured"),
          dataIndex: "measured",
          render: (m: Record<string, unknown>) => describeMeasures(m, language),
        },
        { title: text("colNote"), dataIndex: "note" },
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

function YearFigures({
  countyCode,
  canWrite,
  onChange,
}: {
  countyCode: string;
  canWrite: boolean;
  onChange: () => void;
}) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const { message } = App.useApp();
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<YearForm>();
  const years = useRequest((signal) => outcomesApi.years(countyCode, signal), [countyCode]);
  if (years.error) return <ErrorResult error={years.error} onRetry={years.reload} />;
  const fen = (value: string) => {
    const r = yuanToFen(String(value ?? ""));
    if (!r.ok) throw new Error(r.reason[language]);
    return r.value;
  };
  // The importer's own yuan parser; an empty field is the required rule's to report.
  const yuanRule = {
    validator: async (_: unknown, v: string) => {
      if (v) fen(v);
    },
  };
  const required = { required: true, message: text("required") };
  // Re-entering a year replaces it: editing opens the form with the year's figures.
  const edit = (r: YearFiguresRow) => {
    form.setFieldsValue({
      year: r.year,
      transactions: fenToYuanInput(r.transactionsFen),
      ruralRetail: fenToYuanInput(r.ruralRetailFen),
      agriRetail: fenToYuanInput(r.agriRetailFen),
      jobs: r.jobs,
      sourceDocument: r.sourceDocument,
    });
    setOpen(true);
  };
  const remove = async (year: number) => {
    try {
      await outcomesApi.deleteYear(countyCode, year);
      message.success(text("deleted"));
      years.reload();
      onChange();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
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
      message.success(text("yearSaved", { year: v.year }));
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
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              setOpen(true);
            }}
            data-testid="year-figures-add"
          >
            {text("yearAdd")}
          </Button>
        )}
        <Button href={outcomesExportUrl(countyCode, "years")}>{text("exportXlsx")}</Button>
        <Typography.Text type="secondary">{text("yearHint")}</Typography.Text>
      </Space>
      <Table
        data-testid="year-figures"
        size="small"
        rowKey="year"
        loading={!years.data}
        pagination={false}
        dataSource={years.data?.items ?? []}
        columns={[
          { title: text("year"), dataIndex: "year" },
          {
            title: text("transactions"),
            dataIndex: "transactionsFen",
            align: "right",
            render: (v: number, r) => <DemoValue isDemo={r.isDemo}>{yuan(v)}</DemoValue>,
          },
          { title: text("ruralRetail"), dataIndex: "ruralRetailFen", align: "right", render: yuan },
          { title: text("agriRetail"), dataIndex: "agriRetailFen", align: "right", render: yuan },
          { title: text("jobs"), dataIndex: "jobs", align: "right" },
          { title: text("sourceDocument"), dataIndex: "sourceDocument" },
          ...(canWrite
            ? [
                {
                  key: "actions",
                  title: text("actions"),
                  render: (_: unknown, r: YearFiguresRow) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        onClick={() => edit(r)}
                        data-testid="year-figures-edit"
                      >
                        {text("edit")}
                      </Button>
                      <Popconfirm
                        title={text("confirmDelete")}
                        onConfirm={() => remove(r.year)}
                        okText={text("delete")}
                        cancelText={text("cancel")}
                      >
                        <Button type="link" size="small" danger data-testid="year-figures-delete">
                          {text("delete")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={isOpen}
        title={text("yearFormTitle")}
        onOk={save}
        onCancel={() => setOpen(false)}
        okText={text("save")}
        cancelText={text("cancel")}
      >
        <Form form={form} layout="vertical" data-testid="year-figures-form">
          <Form.Item name="year" label={text("year")} rules={[required]}>
            <InputNumber min={2010} max={2035} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="transactions" label={text("transactions")} rules={[required, yuanRule]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="ruralRetail" label={text("ruralRetail")} rules={[required, yuanRule]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="agriRetail" label={text("agriRetail")} rules={[required, yuanRule]}>
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="jobs" label={text("jobs")} rules={[required]}>
            <InputNumber min={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="sourceDocument"
            label={text("sourceDocument")}
            rules={[required, { max: 300, message: text("tooLong", { max: 300 }) }]}
          >
            <Input placeholder={text("sourcePlaceholder")} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
