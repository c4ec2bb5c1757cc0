/**
 * The county's fund arrangement (资金安排意见): versions, the live-checked form, F4 clearances, the
 * public notice with the earliest filing day (F6), objections, filing (M1) and the province's
 * decision. Changes after filing are new versions that need approval (E3).
 */
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useParams } from "react-router";
import { formatYuan } from "../../rules/money";
import { ApiError } from "../api/client";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { chinaToday, dateText, dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import { fundsApi, type Plan, type PlanLineInput, type PlanStatus } from "./funds.api";
import PlanEditor from "./PlanEditor";
import SharesChart from "./SharesChart";

const STATUS: Record<PlanStatus, { color: string; zh: string; en: string }> = {
  draft: { color: "default", zh: "草稿", en: "Draft" },
  notice: { color: "processing", zh: "公示中", en: "On notice" },
  filed: { color: "gold", zh: "已报省", en: "Filed" },
  approved: { color: "green", zh: "已批准", en: "Approved" },
  rejected: { color: "red", zh: "已退回", en: "Returned" },
  superseded: { color: "default", zh: "已取代", en: "Superseded" },
};
/** Where a version came from, in words. */
const PLAN_SOURCE: Record<string, { zh: string; en: string }> = {
  form: { zh: "网页填报", en: "Form" },
  workbook: { zh: "工作簿导入", en: "Workbook" },
  demo: { zh: "演示数据", en: "Demo data" },
};
const DEADLINE = {
  met: { color: "green", zh: "按期", en: "met" },
  missed: { color: "red", zh: "逾期", en: "missed" },
  pending: { color: "gold", zh: "未到期", en: "pending" },
} as const;

const today = () => chinaToday();
const ymd = (d: Dayjs | null) => dateText(d) ?? "";

export default function FundPlanPage() {
  const { code = "" } = useParams();
  const user = useUser();
  const { language } = useI18n();
  const { message } = App.useApp();
  const zh = language === "zh";
  const canEdit = user.role === "county_admin" || user.role === "province_admin";
  const isProvince = user.role === "province_admin";
  const list = useRequest((signal) => fundsApi.plans(code, signal), [code]);
  const [selected, setSelected] = useState<string>();
  const planId = selected ?? list.data?.currentId ?? list.data?.versions[0]?.id;
  const plan = useRequest(
    (signal) => (planId ? fundsApi.plan(code, planId, signal) : Promise.resolve(undefined)),
    [code, planId],
  );
  const [editing, setEditing] = useState<"draft" | "new">();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
      list.reload();
      plan.reload();
      return true;
    } catch (error) {
      const details = error instanceof ApiError ? error.details.map((d) => d.message).join("；") : "";
      message.error(
        `${error instanceof Error ? error.message : String(error)}${details ? `：${details}` : ""}`,
      );
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  if (!list.data) return <PageLoading />;
  const versions = list.data.versions;
  const current = plan.data;
  const hasFiled = versions.some((v) => !v.isChange && (v.status === "filed" || v.status === "approved"));

  const save = async (lines: PlanLineInput[], changeReason: string, preparedOn?: string) => {
    const ok = await run(
      async () => {
        if (editing === "draft" && current) {
          await fundsApi.updateDraft(code, current.id, { lines, changeReason: changeReason || undefined });
        } else {
          const created = await fundsApi.createPlan(code, {
            lines,
            changeReason: changeReason || undefined,
            preparedOn,
          });
          setSelected(created.id);
        }
      },
      zh ? "已保存" : "Saved",
    );
    if (ok) setEditing(undefined);
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Card
        title={zh ? "资金安排意见" : "Fund arrangement"}
        extra={
          <Space>
            <span>
              <RuleTip rule="M1">{zh ? "报省备案截止" : "Filing deadline"}</RuleTip>{" "}
              {list.data.deadlineM1.dueOn}
            </span>
            <Tag color={DEADLINE[list.data.deadlineM1.status].color} data-testid="deadline-m1">
              {DEADLINE[list.data.deadlineM1.status][language]}
            </Tag>
            {canEdit && !isProvince && (
              <Button type="primary" onClick={() => setEditing("new")} data-testid="plan-new-version">
                {hasFiled ? (zh ? "提出方案调整" : "Propose a change") : zh ? "新建版本" : "New version"}
              </Button>
            )}
          </Space>
        }
      >
        <Select
          style={{ width: "100%", maxWidth: 560 }}
          value={planId}
          data-testid="plan-versions"
          onChange={setSelected}
          placeholder={zh ? "尚无资金安排" : "No plan yet"}
          options={versions.map((v) => ({
            value: v.id,
            label: `${zh ? "第" : "v"}${v.version}${zh ? "版" : ""} · ${STATUS[v.status][language]}${v.isChange ? (zh ? " · 调整" : " · change") : ""}${v.id === list.data?.inEffectId ? (zh ? " · 执行中" : " · in effect") : ""} · ${formatYuan(v.totalFen, zh ? "元" : "yuan")}`,
          }))}
        />
      </Card>

      {editing && (
        <PlanEditor
          subsidyFen={current?.subsidyFen ?? 1_500_000_000}
          initial={current?.lines ?? []}
          isChange={editing === "new" ? hasFiled : Boolean(current?.isChange)}
          initialChangeReason={editing === "draft" ? (current?.changeReason ?? "") : ""}
          asksPreparedOn={editing === "new"}
          saving={busy}
          onSave={save}
          onCancel={() => setEditing(undefined)}
        />
      )}

      {!editing && current && (
        <PlanView
          // Dates typed for one version or state (notice start, filing day) start afresh for the next.
          key={`${current.id}:${current.status}`}
          plan={current}
          zh={zh}
          language={language}
          canEdit={canEdit && !isProvince}
          isProvince={isProvince}
          busy={busy}
          onEdit={() => setEditing("draft")}
          run={run}
          code={code}
        />
      )}
    </Space>
  );
}

type PlanViewProps = {
  plan: Plan;
  zh: boolean;
  language: "zh" | "en";
  canEdit: boolean;
  isProvince: boolean;
  busy: boolean;
  code: string;
  onEdit: () => void;
  run: (action: () => Promise<unknown>, done: string) => Promise<boolean>;
};

function PlanView({ plan, zh, language, canEdit, isProvince, busy, code, onEdit, run }: PlanViewProps) {
  const [noticeStart, setNoticeStart] = useState<string>(today());
  const preview = useRequest(
    (signal) =>
      plan.status === "draft" && noticeStart
        ? fundsApi.noticePeriod(noticeStart, signal)
        : Promise.resolve(undefined),
    [plan.status, noticeStart],
  );
  const [filedOn, setFiledOn] = useState<string>(
    plan.notice?.earliestSubmission && plan.notice.earliestSubmission < today()
      ? plan.notice.earliestSubmission
      : today(),
  );
  const [clearing, setClearing] = useState<{ id: string; reason: string }>();
  const [objection, setObjection] = useState({ receivedOn: today(), objector: "", content: "" });
  const [decision, setDecision] = useState({ decidedOn: today(), note: "" });
  const review = plan.review;

  return (
    <>
      <Card
        title={
          <span data-testid="plan-version">{`${zh ? "第" : "Version "}${plan.version}${zh ? "版" : ""}`}</span>
        }
        extra={
          <Space>
            <Tag color={STATUS[plan.status].color} data-testid="plan-status">
              {STATUS[plan.status][language]}
            </Tag>
            {plan.isChange && (
              <Tag color="orange">{zh ? "方案调整（须省级批准）" : "Change (needs approval)"}</Tag>
            )}
            {plan.isDemo && <Tag>{zh ? "演示数据" : "demo"}</Tag>}
            {canEdit && plan.status === "draft" && (
              <Button onClick={onEdit} data-testid="plan-edit">
                {zh ? "编辑" : "Edit"}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={zh ? "编制日期" : "Prepared"}>{plan.preparedOn}</Descriptions.Item>
          <Descriptions.Item label={zh ? "合计" : "Total"}>
            {formatYuan(review.totalFen, zh ? "元" : "yuan")} /{" "}
            {formatYuan(plan.subsidyFen, zh ? "元" : "yuan")}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? "来源" : "Source"}>
            {PLAN_SOURCE[plan.source]?.[language] ?? plan.source}
          </Descriptions.Item>
          {plan.changeReason && (
            <Descriptions.Item label={zh ? "调整理由" : "Reason for change"} span={3}>
              {plan.changeReason}
            </Descriptions.Item>
          )}
        </Descriptions>
        <div data-testid="plan-check">
          {review.isReady ? (
            <Alert
              type="success"
              showIcon
              title={<RuleTip rule={["F2", "F3", "F4"]}>{zh ? "校验通过" : "Checks pass"}</RuleTip>}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={zh ? "校验未通过：不能公示或报送" : "Checks fail: cannot be noticed or filed"}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {[...review.problems, ...review.openForbidden.map((f) => f.reason)].map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
        <SharesChart shares={review.shares} language={language} />
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={plan.lines}
          columns={[
            { title: "#", dataIndex: "lineNo", width: 40 },
            { title: zh ? "类别" : "Category", dataIndex: "categoryName", width: 220 },
            {
              title: zh ? "金额（元）" : "Amount (yuan)",
              width: 160,
              align: "right",
              render: (_, l) => formatYuan(l.amountFen, ""),
            },
            {
              title: zh ? "内容" : "Content",
              render: (_, l) => (
                <Space orientation="vertical" size={2}>
                  <span>{l.description}</span>
                  {l.forbidden.map((f) => (
                    <Typography.Text
                      key={f}
                      type={l.clearance ? "secondary" : "danger"}
                      style={{ fontSize: 12 }}
                      data-testid={`plan-line-forbidden-${l.lineNo}`}
                    >
                      {f}
                    </Typography.Text>
                  ))}
                  {l.clearance && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {zh ? "已确认误报：" : "Cleared as false: "}
                      {l.clearance.reason}（{l.clearance.by}）
                    </Typography.Text>
                  )}
                  {l.forbidden.length > 0 && !l.clearance && canEdit && plan.status === "draft" && (
                    <Button
                      size="small"
                      onClick={() => setClearing({ id: l.id, reason: "" })}
                      data-testid={`plan-clear-${l.lineNo}`}
                    >
                      {zh ? "确认为误报…" : "Confirm false alarm…"}
                    </Button>
                  )}
                </Space>
              ),
            },
            { title: zh ? "支持方式" : "Support", dataIndex: "supportMethodName", width: 110 },
          ]}
        />
      </Card>

      <Card title={<RuleTip rule={["F6", "M1"]}>{zh ? "公示与报送" : "Notice and filing"}</RuleTip>}>
        {plan.notice && (
          <Descriptions size="small" column={2} data-testid="plan-notice">
            <Descriptions.Item label={zh ? "公示开始" : "Notice from"}>{plan.notice.start}</Descriptions.Item>
            <Descriptions.Item label={zh ? "公示期" : "Working days"}>
              {plan.notice.workingDays}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? "公示截止" : "Last day"}>{plan.notice.lastDay}</Descriptions.Item>
            <Descriptions.Item label={zh ? "最早报送日" : "Earliest filing"}>
              <strong data-testid="earliest-submission">{plan.notice.earliestSubmission}</strong>
            </Descriptions.Item>
            {plan.notice.calendarIncomplete && (
              <Descriptions.Item span={2}>
                <Alert
                  type="warning"
                  showIcon
                  title={
                    zh
                      ? "该年度节假日安排未录入：仅按周末计算"
                      : "No official calendar for that year: weekends only"
                  }
                />
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {plan.filedOn && (
          <p>
            {zh ? "报送日期" : "Filed on"} {plan.filedOn}
            {plan.approvedOn && ` · ${zh ? "批准" : "approved"} ${plan.approvedOn}`}
            {plan.rejectedOn &&
              ` · ${zh ? "退回" : "returned"} ${plan.rejectedOn}：${plan.decisionNote ?? ""}`}
          </p>
        )}
        {/* A change may go on notice too before it is submitted for approval (the server allows both). */}
        {canEdit && plan.status === "draft" && (
          <Space wrap>
            <span>{zh ? "公示开始日" : "Notice starts"}</span>
            <DatePicker
              value={dateValue(noticeStart)}
              onChange={(d) => setNoticeStart(ymd(d))}
              allowClear={false}
              data-testid="notice-start"
            />
            {preview.data && (
              <span data-testid="notice-preview">
                {zh ? "公示截止" : "last day"} {preview.data.lastDay}，{zh ? "最早报送" : "earliest filing"}{" "}
                {preview.data.earliestSubmission}
                {preview.data.calendarIncomplete && (zh ? "（该年日历不完整）" : " (calendar incomplete)")}
              </span>
            )}
            <Button
              type="primary"
              disabled={!review.isReady}
              loading={busy}
              data-testid="notice-publish"
              onClick={() =>
                run(() => fundsApi.notice(code, plan.id, noticeStart), zh ? "已发布公示" : "Notice published")
              }
            >
              {zh ? "发布公示（10个工作日）" : "Publish the notice (10 working days)"}
            </Button>
          </Space>
        )}
        {(plan.status === "notice" || (plan.status === "draft" && plan.isChange)) && canEdit && (
          <Space wrap style={{ marginTop: 8 }}>
            <span>{zh ? "报送日期" : "Filing date"}</span>
            <DatePicker
              value={dateValue(filedOn)}
              onChange={(d) => setFiledOn(ymd(d))}
              allowClear={false}
              data-testid="filing-date"
            />
            <Button
              type="primary"
              disabled={!review.isReady}
              loading={busy}
              data-testid="plan-file"
              onClick={() => run(() => fundsApi.file(code, plan.id, { filedOn }), zh ? "已报送" : "Filed")}
            >
              {plan.isChange
                ? zh
                  ? "报省批准"
                  : "Submit for approval"
                : zh
                  ? "报省备案"
                  : "File with the province"}
            </Button>
          </Space>
        )}
        {isProvince && plan.status === "filed" && (
          <Space wrap style={{ marginTop: 8 }}>
            <DatePicker
              value={dateValue(decision.decidedOn)}
              onChange={(d) => setDecision({ ...decision, decidedOn: ymd(d) })}
              allowClear={false}
            />
            <Input
              placeholder={zh ? "意见（退回时必填）" : "Note (required to return)"}
              value={decision.note}
              onChange={(e) => setDecision({ ...decision, note: e.target.value })}
              style={{ width: 280 }}
            />
            <Button
              type="primary"
              loading={busy}
              onClick={() =>
                run(
                  () => fundsApi.decide(code, plan.id, { decision: "approve", ...decision }),
                  zh ? "已批准" : "Approved",
                )
              }
            >
              {zh ? "批准" : "Approve"}
            </Button>
            <Button
              danger
              loading={busy}
              onClick={() =>
                run(
                  () => fundsApi.decide(code, plan.id, { decision: "reject", ...decision }),
                  zh ? "已退回" : "Returned",
                )
              }
            >
              {zh ? "退回" : "Return"}
            </Button>
          </Space>
        )}
      </Card>

      {(plan.status === "notice" || plan.objections.length > 0) && (
        <Card title={zh ? "公示期异议" : "Objections"}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={plan.objections}
            columns={[
              { title: zh ? "收到日期" : "Received", dataIndex: "receivedOn", width: 110 },
              { title: zh ? "提出人" : "From", dataIndex: "objector", width: 120 },
              { title: zh ? "内容" : "Content", dataIndex: "content" },
              {
                title: zh ? "处理结果" : "Resolution",
                render: (_, o) =>
                  o.resolvedOn ? (
                    `${o.resolvedOn} ${o.resolution}`
                  ) : canEdit ? (
                    <Button
                      size="small"
                      onClick={() => {
                        const resolution = window.prompt(zh ? "处理结果" : "Resolution");
                        if (resolution)
                          run(
                            () => fundsApi.resolve(code, plan.id, o.id, { resolution, resolvedOn: today() }),
                            zh ? "已登记" : "Recorded",
                          );
                      }}
                    >
                      {zh ? "登记处理结果" : "Record resolution"}
                    </Button>
                  ) : (
                    <Tag color="red">{zh ? "未处理" : "open"}</Tag>
                  ),
              },
            ]}
          />
          {canEdit && plan.status === "notice" && (
            <Space wrap style={{ marginTop: 8 }}>
              <DatePicker
                value={dateValue(objection.receivedOn)}
                onChange={(d) => setObjection({ ...objection, receivedOn: ymd(d) })}
                allowClear={false}
              />
              <Input
                placeholder={zh ? "提出人" : "From"}
                value={objection.objector}
                onChange={(e) => setObjection({ ...objection, objector: e.target.value })}
                style={{ width: 140 }}
              />
              <Input
                placeholder={zh ? "异议内容" : "Objection"}
                value={objection.content}
                onChange={(e) => setObjection({ ...objection, content: e.target.value })}
                style={{ width: 320 }}
              />
              <Button
                disabled={!objection.objector || !objection.content}
                onClick={() =>
                  run(
                    () => fundsApi.objection(code, plan.id, objection),
                    zh ? "已登记异议" : "Objection recorded",
                  )
                }
              >
                {zh ? "登记异议" : "Record objection"}
              </Button>
            </Space>
          )}
        </Card>
      )}

      <Modal
        open={!!clearing}
        title={zh ? "确认禁止用途提示为误报" : "Confirm the forbidden-use alarm is false"}
        okButtonProps={{ disabled: (clearing?.reason.trim().length ?? 0) < 5, loading: busy }}
        onCancel={() => setClearing(undefined)}
        onOk={async () => {
          if (
            clearing &&
            (await run(
              () => fundsApi.clear(code, plan.id, clearing.id, clearing.reason),
              zh ? "已确认" : "Cleared",
            ))
          )
            setClearing(undefined);
        }}
      >
        <Typography.Paragraph type="secondary">
          {zh
            ? "请写明理由（至少5个字），将记入审计日志。"
            : "Write the reason (at least 5 characters); it goes to the audit log."}
        </Typography.Paragraph>
        <Input.TextArea
          value={clearing?.reason}
          onChange={(e) => clearing && setClearing({ ...clearing, reason: e.target.value })}
          data-testid="clear-reason"
        />
      </Modal>
    </>
  );
}
