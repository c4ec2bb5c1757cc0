/**
 * `/counties/:code/training` — training and poor households (rules G4, O8, O9): person-times and
 * distinct people against 3,000, the poor-household training rate against 80% and by village,
 * the training calendar, the attendance roster (person ids masked) and after-training service.
 */
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { formatBpTenths } from "../../rules/money";
import { FOLLOWUP_KINDS, type FollowupKind, TRAINING_CATEGORIES } from "../../rules/upward";
import { ApiError } from "../api/client";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { dateValue } from "../components/china-date";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { formatCount } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import { CheckAlert } from "./CheckAlert";
import { ExportLink } from "./ExportLink";
import { upwardApi } from "./upward.api";
import { percent, today, useL } from "./upward-text";

export default function UpwardTrainingPage() {
  const { code = "" } = useParams();
  const L = useL();
  const [params, setParams] = useSearchParams();
  const asOf = params.get("asOf") ?? today();
  const tab = params.get("tab") ?? "calendar";
  const summary = useRequest((signal) => upwardApi.trainingSummary(code, asOf, signal), [code, asOf]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  if (summary.error) return <ErrorResult error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <PageLoading />;
  const s = summary.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {L("电商培训与贫困户", "Training and poor households")}
        </Typography.Title>
        <DatePicker
          data-testid="training-as-of"
          allowClear={false}
          value={dateValue(asOf)}
          onChange={(d) => d && set("asOf", d.format("YYYY-MM-DD"))}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={
                <RuleTip rule="G4">
                  {L("培训人次（每县 ≥ 3,000）", "Person-times (≥ 3,000 per county)")}
                </RuleTip>
              }
              value={s.personTimes}
              suffix={`/ ${formatCount(s.volume.threshold)}`}
            />
            <Progress
              percent={Math.min(100, (s.personTimes * 100) / s.volume.threshold)}
              format={() =>
                formatBpTenths(Math.floor((s.personTimes * 10_000) / Math.max(1, s.volume.threshold)))
              }
              status={s.volume.met ? "success" : "active"}
            />
            <Typography.Text type="secondary">
              {L(`培训人数 ${formatCount(s.people)} 人`, `${formatCount(s.people)} distinct people`)} ·{" "}
              {TRAINING_CATEGORIES.basic.zh} {formatCount(s.byCategory.basic.personTimes)} ·{" "}
              {TRAINING_CATEGORIES.value_added.zh} {formatCount(s.byCategory.value_added.personTimes)}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={
                <RuleTip rule="O9">{L("贫困户培训率（≥ 80%）", "Poor households trained (≥ 80%)")}</RuleTip>
              }
              value={percent(s.poorTrainingRateBp)}
            />
            <Progress
              percent={s.poorTrainingRateBp / 100}
              format={() => formatBpTenths(s.poorTrainingRateBp)}
              status={s.poorTraining.met ? "success" : "exception"}
            />
            <Typography.Text type="secondary">
              {L(
                `${formatCount(s.poorHouseholdsTrained)} / ${formatCount(s.poorHouseholds)} 户有成员参加培训`,
                `${formatCount(s.poorHouseholdsTrained)} of ${formatCount(s.poorHouseholds)} households`,
              )}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={<RuleTip rule="O8">{L("接受培训后跟踪服务的人数", "Trainees followed up")}</RuleTip>}
              value={s.traineesFollowedUp}
            />
          </Card>
        </Col>
      </Row>
      <CheckAlert
        title={L("培训规模与贫困户培训", "Training volume and poor households")}
        check={{ met: s.volume.met && s.poorTraining.met, findings: s.findings }}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => set("tab", key)}
        items={[
          { key: "calendar", label: L("培训日历", "Calendar"), children: <Courses countyCode={code} /> },
          {
            key: "coverage",
            label: L("分村覆盖", "By village"),
            children: <Coverage countyCode={code} asOf={asOf} />,
          },
          { key: "roster", label: L("签到名册", "Attendance"), children: <Attendances countyCode={code} /> },
          {
            key: "followup",
            label: L("跟踪服务", "Follow-up"),
            children: <Followups countyCode={code} asOf={asOf} />,
          },
        ]}
      />
    </Space>
  );
}

function Courses({ countyCode }: { countyCode: string }) {
  const L = useL();
  const { language } = useI18n();
  const courses = useRequest((signal) => upwardApi.courses(countyCode, signal), [countyCode]);
  const [text, setText] = useState("");
  const [category, setCategory] = useState("");
  if (courses.error) return <ErrorResult error={courses.error} onRetry={courses.reload} />;
  const all = courses.data?.items ?? [];
  const needle = text.trim();
  const shown = all.filter(
    (c) =>
      (!needle ||
        c.code.includes(needle) ||
        (c.title ?? "").includes(needle) ||
        (c.institution ?? "").includes(needle)) &&
      (!category || c.category === category),
  );
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Input
          data-testid="course-search"
          allowClear
          placeholder={L("培训名称、编号或机构", "Course title, number or institution")}
          style={{ width: 240 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Select
          data-testid="course-category"
          style={{ width: 140 }}
          value={category}
          onChange={setCategory}
          options={[
            { value: "", label: L("全部类别", "All categories") },
            ...Object.entries(TRAINING_CATEGORIES).map(([key, name]) => ({
              value: key,
              label: name[language],
            })),
          ]}
        />
        <Typography.Text data-testid="course-count">
          {L(
            `共 ${all.length} 期培训，符合条件 ${shown.length} 期`,
            `${all.length} courses, ${shown.length} match`,
          )}
        </Typography.Text>
      </Space>
      <Table
        data-testid="course-table"
        rowKey="code"
        size="small"
        loading={courses.isLoading}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          {
            title: L("日期", "Date"),
            render: (_, c) => (c.firstDate === c.lastDate ? c.firstDate : `${c.firstDate} – ${c.lastDate}`),
          },
          {
            title: L("培训", "Course"),
            render: (_, c) => (
              <DemoValue isDemo={c.isDemo}>
                <span>
                  {c.title ?? c.code}
                  {c.title && <Typography.Text type="secondary"> {c.code}</Typography.Text>}
                </span>
              </DemoValue>
            ),
          },
          {
            title: L("类别", "Category"),
            render: (_, c) => (
              <Tag color={c.category === "basic" ? "blue" : "purple"}>
                {TRAINING_CATEGORIES[c.category][language]}
              </Tag>
            ),
          },
          { title: L("机构", "Institution"), render: (_, c) => c.institution ?? "—" },
          { title: L("学时", "Hours"), align: "right", render: (_, c) => c.hours ?? "—" },
          { title: L("人次", "Person-times"), dataIndex: "personTimes", align: "right" },
          { title: L("人数", "People"), dataIndex: "people", align: "right" },
          { title: L("贫困户人次", "Poor"), dataIndex: "poorPersonTimes", align: "right" },
        ]}
      />
    </Space>
  );
}

function Coverage({ countyCode, asOf }: { countyCode: string; asOf: string }) {
  const L = useL();
  const coverage = useRequest((signal) => upwardApi.coverage(countyCode, asOf, signal), [countyCode, asOf]);
  if (coverage.error) return <ErrorResult error={coverage.error} onRetry={coverage.reload} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <ExportLink countyCode={countyCode} path="poor-households" />
      <Table
        data-testid="coverage-table"
        rowKey="villageCode"
        size="small"
        loading={coverage.isLoading}
        dataSource={coverage.data?.villages ?? []}
        pagination={{ pageSize: 30, showSizeChanger: false }}
        columns={[
          { title: L("乡镇", "Township"), dataIndex: "townshipName" },
          { title: L("村", "Village"), render: (_, v) => v.villageName || v.villageCode },
          { title: L("贫困户", "Households"), dataIndex: "households", align: "right" },
          { title: L("已培训户", "Trained"), dataIndex: "trained", align: "right" },
          {
            title: L("培训率", "Rate"),
            sorter: (a, b) => a.rateBp - b.rateBp,
            render: (_, v) => (
              <Progress
                size="small"
                percent={v.rateBp / 100}
                status={v.rateBp >= 8000 ? "success" : "exception"}
                format={() => percent(v.rateBp)}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

function Attendances({ countyCode }: { countyCode: string }) {
  const L = useL();
  const { language } = useI18n();
  const [page, setPage] = useState(1);
  // The roster of one course (培训编号), filtered by the server (issue 18.4).
  const [course, setCourse] = useState<string>();
  const courses = useRequest((signal) => upwardApi.courses(countyCode, signal), [countyCode]);
  const list = useRequest(
    (signal) => upwardApi.attendances(countyCode, { page, pageSize: 50, course }, signal),
    [countyCode, page, course],
  );
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          data-testid="attendance-course"
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          placeholder={L("全部培训", "All courses")}
          style={{ width: 320, maxWidth: "100%" }}
          value={course}
          onChange={(value?: string) => {
            setCourse(value);
            setPage(1);
          }}
          options={(courses.data?.items ?? []).map((c) => ({
            value: c.code,
            label: `${c.firstDate} ${c.title ?? c.code}（${c.code}）`,
          }))}
        />
        <Typography.Text data-testid="attendance-count">
          {course
            ? L(
                `该培训共 ${list.data?.total ?? "…"} 人次`,
                `${list.data?.total ?? "…"} person-times in this course`,
              )
            : L(`共 ${list.data?.total ?? "…"} 人次`, `${list.data?.total ?? "…"} person-times`)}
        </Typography.Text>
        <ExportLink countyCode={countyCode} path="training/attendances" />
        <Typography.Text type="secondary">
          {L(
            "身份证号只保存加密摘要，名册中仅显示脱敏号码",
            "ID-card numbers are kept only as keyed hashes; shown masked",
          )}
        </Typography.Text>
      </Space>
      <Table
        data-testid="attendance-table"
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        scroll={{ x: true }}
        columns={[
          { title: L("培训编号", "Course"), dataIndex: "courseCode" },
          { title: L("日期", "Date"), dataIndex: "date" },
          { title: L("类别", "Category"), render: (_, a) => TRAINING_CATEGORIES[a.category][language] },
          {
            title: L("人员编号", "Person"),
            render: (_, a) => <DemoValue isDemo={a.isDemo}>{a.person}</DemoValue>,
          },
          { title: L("贫困户", "Poor"), render: (_, a) => (a.isPoor ? L("是", "Yes") : L("否", "No")) },
          { title: L("户编号", "Household"), render: (_, a) => a.household ?? "—" },
        ]}
      />
    </Space>
  );
}

function Followups({ countyCode, asOf }: { countyCode: string; asOf: string }) {
  const L = useL();
  const { language } = useI18n();
  const user = useUser();
  const { message } = App.useApp();
  const [period, setPeriod] = useState("quarter");
  const [isSaving, setSaving] = useState(false);
  const [form] = Form.useForm<{ personId: string; date: Dayjs; kind: FollowupKind; note?: string }>();
  const stats = useRequest(
    (signal) => upwardApi.followupStats(countyCode, period, asOf, signal),
    [countyCode, period, asOf],
  );
  const canWrite = user.role === "county_admin" || user.role === "province_admin";
  const kinds = Object.keys(FOLLOWUP_KINDS) as FollowupKind[];

  const save = async (values: { personId: string; date: Dayjs; kind: FollowupKind; note?: string }) => {
    setSaving(true);
    try {
      const saved = await upwardApi.addFollowup(countyCode, {
        personId: values.personId,
        date: values.date.format("YYYY-MM-DD"),
        kind: values.kind,
        note: values.note ?? "",
      });
      message.success(L(`已登记：${saved.person}`, `Recorded for ${saved.person}`));
      form.resetFields();
      stats.reload();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {canWrite && (
        <Card size="small" title={L("登记培训后服务", "Record follow-up")}>
          <Form form={form} layout="inline" onFinish={save} disabled={isSaving}>
            <Form.Item name="personId" rules={[{ required: true, max: 64 }]}>
              <Input
                data-testid="followup-person"
                placeholder={L("人员编号（可填身份证号）", "Person id (ID-card number allowed)")}
                autoComplete="off"
              />
            </Form.Item>
            <Form.Item name="date" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="kind" rules={[{ required: true }]}>
              <Select
                style={{ minWidth: 120 }}
                placeholder={L("服务类型", "Kind")}
                options={kinds.map((k) => ({ value: k, label: FOLLOWUP_KINDS[k][language] }))}
              />
            </Form.Item>
            <Form.Item name="note" rules={[{ max: 500 }]}>
              <Input placeholder={L("说明（不要填写姓名、电话）", "Note (no names or phones)")} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={isSaving} data-testid="followup-save">
              {L("登记", "Save")}
            </Button>
          </Form>
        </Card>
      )}
      <Select
        value={period}
        onChange={setPeriod}
        style={{ width: 160 }}
        options={[
          { value: "month", label: L("按月", "Monthly") },
          { value: "quarter", label: L("按季度", "Quarterly") },
          { value: "year", label: L("按年", "Yearly") },
        ]}
      />
      <Table
        data-testid="followup-stats"
        rowKey="period"
        size="small"
        loading={stats.isLoading}
        dataSource={stats.data?.periods ?? []}
        pagination={false}
        columns={[
          { title: L("期间", "Period"), dataIndex: "period" },
          ...kinds.map((k) => ({
            title: FOLLOWUP_KINDS[k][language],
            align: "right" as const,
            render: (_: unknown, p: { records: Record<FollowupKind, number> }) => p.records[k],
          })),
          { title: L("服务人数", "People"), dataIndex: "people", align: "right" },
        ]}
      />
    </Space>
  );
}
