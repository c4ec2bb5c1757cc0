import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { formatBp } from "../../rules/money";
import {
  APPROVAL_LEVEL_NAMES,
  REPORT_KIND_NAMES,
  REPORT_STATUS_NAMES,
  type ReportKind,
} from "../../rules/reporting";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { AsOfNote, useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { ReportDrawer } from "./ReportDrawer";
import { type Liaison, type Report, reportingApi } from "./reporting.api";

const STATUS_COLOR = { draft: "default", submitted: "blue", approved: "green", returned: "orange" } as const;

/** `/counties/:code/reporting` — due and overdue reports, the reports, and the liaison list (R2, R4). */
export default function CountyReportingPage() {
  const { code = "" } = useParams();
  const { language } = useI18n();
  const zh = language === "zh";
  const lang = zh ? "zh" : "en";
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const open = params.get("report");
  const year = params.get("year") ?? "2018";
  // With the 2017–2018 demo loaded the page opens on 2018-10-31, not on today.
  const fallback = useDefaultAsOf();
  const asOf = params.get("asOf") ?? fallback?.asOf;
  const status = useRequest(
    (signal) => (asOf ? reportingApi.status(code, asOf, signal) : new Promise<never>(() => {})),
    [code, asOf],
  );
  const reports = useRequest((signal) => reportingApi.reports(code, year, signal), [code, year]);
  const liaisons = useRequest((signal) => reportingApi.liaisons(code, signal), [code]);
  const [creating, setCreating] = useState(false);
  if (status.error && !status.data) return <ErrorResult error={status.error} onRetry={status.reload} />;
  if (!status.data || !liaisons.data) return <PageLoading />;
  const s = status.data;
  const canReport = user.role === "county_admin" || user.role === "contractor";
  const show = (id: string) => setParams({ year, report: id });

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {zh ? "信息报送" : "Information reporting"}
      </Typography.Title>
      <Card
        size="small"
        title={zh ? `截至 ${s.asOf}` : `As of ${s.asOf}`}
        extra={<AsOfNote asOf={s.asOf} fallback={fallback} />}
      >
        <Space size={32} wrap>
          <Statistic title={zh ? "应报" : "Expected"} value={s.counts.expected} />
          <Statistic title={zh ? "已报" : "Received"} value={s.counts.received} />
          <Statistic title={zh ? "完整率" : "Completeness"} value={formatBp(s.completenessBp)} />
          <Statistic title={zh ? "及时率" : "Timeliness"} value={formatBp(s.timelinessBp)} />
          <Statistic
            title={zh ? "智能日报（已生成/应生成）" : "Daily reports (generated / owed)"}
            value={`${s.daily.received} / ${s.daily.expected}`}
          />
        </Space>
      </Card>
      <Card size="small" title={zh ? "待报与逾期" : "Due and overdue"} data-testid="due-list">
        {s.due.length === 0 ? (
          <Typography.Text type="secondary">
            {zh ? "没有待报或逾期的报告" : "Nothing due or overdue"}
          </Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={s.due}
            renderItem={(d) => (
              <List.Item
                actions={[
                  d.reportId ? (
                    <Button key="open" size="small" onClick={() => show(d.reportId!)}>
                      {zh ? "打开" : "Open"}
                    </Button>
                  ) : null,
                ]}
              >
                <Space wrap>
                  <Tag
                    color={
                      d.state === "overdue"
                        ? "red"
                        : d.state === "returned"
                          ? "orange"
                          : d.isDueSoon
                            ? "gold"
                            : "default"
                    }
                  >
                    {d.state === "overdue"
                      ? zh
                        ? `逾期 ${d.daysLate} 天`
                        : `${d.daysLate} days late`
                      : d.state === "returned"
                        ? zh
                          ? "已退回"
                          : "returned"
                        : zh
                          ? "待报"
                          : "due"}
                  </Tag>
                  {REPORT_KIND_NAMES[d.slot.kind][lang]} {d.slot.period} · {d.slot.reporterName} ·{" "}
                  {zh ? "应报日期" : "due"} {d.slot.dueOn}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card
        size="small"
        title={zh ? "月报和年报" : "Monthly and annual reports"}
        extra={
          <Space>
            <Select
              aria-label={zh ? "年度" : "Year"}
              value={year}
              onChange={(y) => setParams({ year: y })}
              options={["2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"].map((y) => ({
                value: y,
                label: y,
              }))}
            />
            {canReport && (
              <Button type="primary" onClick={() => setCreating(true)}>
                {zh ? "新建报告" : "New report"}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Report>
          rowKey="id"
          size="small"
          loading={reports.isLoading}
          dataSource={reports.data}
          pagination={{ pageSize: 20 }}
          onRow={(r) => ({ onClick: () => show(r.id), style: { cursor: "pointer" } })}
          columns={[
            { title: zh ? "报告期" : "Period", dataIndex: "period", width: 90 },
            {
              title: zh ? "类型" : "Kind",
              dataIndex: "kind",
              width: 90,
              render: (k: ReportKind) => REPORT_KIND_NAMES[k][lang],
            },
            { title: zh ? "报送单位" : "Reporter", dataIndex: "reporterName" },
            {
              title: zh ? "状态" : "Status",
              key: "status",
              width: 170,
              render: (_, r) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[r.status]}>{REPORT_STATUS_NAMES[r.status][lang]}</Tag>
                  {r.pendingLevel && (
                    <Typography.Text type="secondary">
                      {APPROVAL_LEVEL_NAMES[r.pendingLevel][lang]}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: zh ? "应报日期" : "Due", dataIndex: "dueOn", width: 110 },
            {
              title: zh ? "首次报送" : "First submitted",
              key: "first",
              width: 130,
              render: (_, r) =>
                r.firstSubmittedOn ? (
                  <Tag color={r.firstSubmittedOn <= r.dueOn ? "green" : "orange"}>{r.firstSubmittedOn}</Tag>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </Card>
      <Liaisons
        code={code}
        zh={zh}
        data={liaisons.data}
        reload={liaisons.reload}
        canEdit={user.role === "county_admin"}
      />
      {creating && (
        <CreateReport
          code={code}
          zh={zh}
          reporters={[
            { key: "county", name: zh ? "项目主管部门" : "County authority" },
            ...liaisons.data.liaisons
              .filter((l) => l.role === "contractor")
              .map((l) => ({ key: l.reporterKey, name: l.organizationName })),
          ]}
          onClose={(id) => {
            setCreating(false);
            if (id) {
              reports.reload();
              show(id);
            }
          }}
        />
      )}
      {open && (
        <ReportDrawer
          countyCode={code}
          id={open}
          onClose={(changed) => {
            setParams({ year });
            if (changed) {
              reports.reload();
              status.reload();
            }
          }}
        />
      )}
    </Space>
  );
}

function CreateReport(props: {
  code: string;
  zh: boolean;
  reporters: { key: string; name: string }[];
  onClose: (id?: string) => void;
}) {
  const { zh } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: ReportKind; period: string; reporterKey: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const report = await reportingApi.createReport(props.code, values);
      props.onClose(report.id);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={zh ? "新建报告" : "New report"}
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => props.onClose()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "monthly", reporterKey: props.reporters[0]?.key }}
      >
        <Form.Item name="kind" label={zh ? "类型" : "Kind"}>
          <Select
            options={[
              { value: "monthly", label: REPORT_KIND_NAMES.monthly[zh ? "zh" : "en"] },
              { value: "annual", label: REPORT_KIND_NAMES.annual[zh ? "zh" : "en"] },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={zh ? "报告期（月报 YYYY-MM，年报 YYYY）" : "Period (monthly YYYY-MM, annual YYYY)"}
          rules={[{ required: true, pattern: /^\d{4}(-(0[1-9]|1[0-2]))?$/ }]}
        >
          <Input placeholder="2018-03" />
        </Form.Item>
        <Form.Item name="reporterKey" label={zh ? "报送单位" : "Reporter"}>
          <Select options={props.reporters.map((r) => ({ value: r.key, label: r.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Liaisons(props: {
  code: string;
  zh: boolean;
  data: Awaited<ReturnType<typeof reportingApi.liaisons>>;
  reload: () => void;
  canEdit: boolean;
}) {
  const { zh, data, code } = props;
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      props.reload();
      return true;
    } catch (error) {
      const e = error as Error & { details?: { message: string }[] };
      message.error([e.message, ...(e.details ?? []).map((d) => d.message)].join("；"));
      return false;
    }
  };
  const filing = data.filing;
  return (
    <Card
      size="small"
      title={
        zh
          ? `信息联络员名单（${filing.deadline} 前报省商务厅）`
          : `Information liaisons (due ${filing.deadline})`
      }
      extra={
        props.canEdit && (
          <Space>
            <Button onClick={() => setAdding(true)}>{zh ? "添加联络员" : "Add liaison"}</Button>
            <Button
              type="primary"
              onClick={() => act(() => reportingApi.fileLiaisons(code), zh ? "已报送" : "Filed")}
            >
              {zh ? "报送名单" : "File the list"}
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }}>
        {filing.isFiled ? (
          <Alert
            type={filing.isOnTime ? "success" : "warning"}
            showIcon
            title={`${zh ? "已于" : "Filed on"} ${filing.filedOn} ${zh ? "报送" : ""}${filing.isOnTime ? "" : zh ? "（晚于截止日期）" : " (after the deadline)"}`}
          />
        ) : (
          <Alert
            type={filing.isOverdue ? "error" : "info"}
            showIcon
            title={zh ? "尚未报送联络员名单" : "The list has not been filed"}
          />
        )}
        {data.problems.map((p) => (
          <Alert key={p} type="warning" title={p} />
        ))}
        <Table<Liaison>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.liaisons}
          columns={[
            {
              title: zh ? "类别" : "Role",
              dataIndex: "role",
              width: 110,
              render: (r: string) =>
                r === "authority" ? (zh ? "主管部门" : "Authority") : zh ? "承办企业" : "Contractor",
            },
            { title: zh ? "单位" : "Body", dataIndex: "organizationName" },
            { title: zh ? "姓名" : "Name", dataIndex: "name", width: 140 },
            { title: zh ? "职务" : "Position", dataIndex: "position", width: 120 },
            { title: zh ? "电话" : "Phone", dataIndex: "phone", width: 140 },
            ...(props.canEdit
              ? [
                  {
                    key: "delete",
                    width: 70,
                    render: (_: unknown, l: Liaison) => (
                      <Button
                        size="small"
                        danger
                        onClick={() =>
                          act(() => reportingApi.deleteLiaison(code, l.id), zh ? "已删除" : "Removed")
                        }
                      >
                        {zh ? "删除" : "Remove"}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
      {adding && (
        <Modal
          open
          title={zh ? "添加联络员" : "Add liaison"}
          onCancel={() => setAdding(false)}
          onOk={async () => {
            const v = await form.validateFields();
            const body = {
              ...v,
              organizationId: v.organizationId ?? null,
              position: v.position ?? "",
              organizationName: v.organizationName ?? "",
            };
            if (await act(() => reportingApi.addLiaison(code, body), zh ? "已添加" : "Added"))
              setAdding(false);
          }}
        >
          <Form form={form} layout="vertical" initialValues={{ role: "authority" }}>
            <Form.Item name="role" label={zh ? "类别" : "Role"}>
              <Select
                options={[
                  { value: "authority", label: zh ? "项目主管部门" : "County authority" },
                  { value: "contractor", label: zh ? "承办企业" : "Contractor" },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="organizationId"
              label={zh ? "登记的承办企业（可选）" : "Registered contractor (optional)"}
            >
              <Select allowClear options={data.contractors.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
            <Form.Item name="organizationName" label={zh ? "单位名称" : "Body"}>
              <Input />
            </Form.Item>
            <Form.Item name="name" label={zh ? "姓名" : "Name"} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="position" label={zh ? "职务" : "Position"}>
              <Input />
            </Form.Item>
            <Form.Item
              name="phone"
              label={zh ? "联系电话" : "Phone"}
              rules={[{ required: true, pattern: /^[0-9+\-() ]{7,20}$/ }]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
