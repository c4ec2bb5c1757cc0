/**
 * The fund plan form: lines typed in yuan, checked as the officer types by the same rule functions
 * the server runs on save (rules F2–F4 via reviewFundPlan → checkFundPlan).
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { reviewFundPlan, SUPPORT_METHODS, type SupportMethod } from "../../rules/fund-plan";
import { FUND_CATEGORIES, FUND_GROUPS } from "../../rules/funds";
import { formatYuan, yuanToFen } from "../../rules/money";
import { useI18n } from "../app/i18n";
import { chinaToday, dateValue } from "../components/china-date";
import { RuleTip } from "../components/RuleTip";
import type { PlanLine, PlanLineInput } from "./funds.api";
import SharesChart from "./SharesChart";

type Row = {
  id: number;
  category: string;
  amountText: string;
  description: string;
  supportMethod: SupportMethod | null;
  lineKey?: string;
};

let nextId = 1;
const toRow = (
  l: Pick<PlanLine, "category" | "amountFen" | "description" | "supportMethod" | "lineKey">,
): Row => ({
  id: nextId++,
  category: l.category,
  amountText: formatYuan(l.amountFen, ""),
  description: l.description,
  supportMethod: l.supportMethod,
  lineKey: l.lineKey,
});

export type PlanEditorProps = {
  subsidyFen: number;
  /** Lines to start from (the version being edited, or the one a new version continues). */
  initial: readonly PlanLine[];
  isChange: boolean;
  /** The reason already given for a change being edited (the officer need not type it again). */
  initialChangeReason?: string;
  /**
   * A new version asks for the day it was drawn up (编制日期): the notice may not start before it,
   * and an officer recording the 2017 batch after the fact enters the real dates. A draft edited in
   * place keeps its own.
   */
  asksPreparedOn: boolean;
  saving: boolean;
  onSave: (lines: PlanLineInput[], changeReason: string, preparedOn?: string) => void;
  onCancel: () => void;
};

export default function PlanEditor({
  subsidyFen,
  initial,
  isChange,
  initialChangeReason = "",
  asksPreparedOn,
  saving,
  onSave,
  onCancel,
}: PlanEditorProps) {
  const { language } = useI18n();
  const zh = language === "zh";
  const [rows, setRows] = useState<Row[]>(() =>
    initial.length
      ? initial.map(toRow)
      : FUND_CATEGORIES.map((c) =>
          toRow({ category: c.key, amountFen: 0, description: "", supportMethod: null, lineKey: "" }),
        ),
  );
  const [changeReason, setChangeReason] = useState(initialChangeReason);
  const [preparedOn, setPreparedOn] = useState(() => chinaToday());
  const parsed = rows.map((r) => yuanToFen(r.amountText));
  // Clearances of false F4 alarms stay with a line while its text is unchanged (as on the server).
  const clearances = useMemo(
    () =>
      rows.flatMap((r, i) => {
        const saved = initial.find((l) => l.clearance && l.description === r.description);
        return saved?.clearance ? [{ line: i, reason: saved.clearance.reason }] : [];
      }),
    [rows, initial],
  );
  const review = useMemo(
    () =>
      reviewFundPlan(
        {
          subsidyFen,
          lines: rows.map((r, i) => ({
            category: r.category,
            amountFen: parsed[i]!.ok ? (parsed[i] as { value: number }).value : Number.NaN,
            description: r.description,
          })),
        },
        clearances,
        { lang: language },
      ),
    [rows, parsed, subsidyFen, clearances, language],
  );
  const update = (id: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const canSave =
    parsed.every((p) => p.ok) &&
    rows.every((r) => r.description.trim()) &&
    (!isChange || changeReason.trim());

  return (
    <Card
      title={zh ? "编辑资金安排" : "Edit the fund plan"}
      extra={
        <Space>
          <Button onClick={onCancel}>{zh ? "取消" : "Cancel"}</Button>
          <Button
            type="primary"
            loading={saving}
            disabled={!canSave}
            data-testid="plan-save"
            onClick={() =>
              onSave(
                rows.map((r, i) => ({
                  category: r.category,
                  amountFen: (parsed[i] as { value: number }).value,
                  description: r.description.trim(),
                  supportMethod: r.supportMethod,
                  ...(r.lineKey ? { lineKey: r.lineKey } : {}),
                })),
                changeReason,
                asksPreparedOn ? preparedOn : undefined,
              )
            }
          >
            {zh ? "保存" : "Save"}
          </Button>
        </Space>
      }
    >
      {isChange && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            zh
              ? "资金安排已备案：本次修改为方案调整，须报省批准后方可实施，否则触发一票否决"
              : "The plan is filed: this is a change that needs the province's approval before it is carried out, else a veto item is triggered"
          }
          description={
            <Input.TextArea
              placeholder={zh ? "调整理由（必填）" : "Reason for the change (required)"}
              value={changeReason}
              onChange={(e) => setChangeReason(e.target.value)}
              autoSize
              data-testid="plan-change-reason"
            />
          }
        />
      )}
      {asksPreparedOn && (
        <Space style={{ marginBottom: 12 }}>
          <span>{zh ? "编制日期" : "Drawn up on"}</span>
          <DatePicker
            value={dateValue(preparedOn)}
            onChange={(d) => d && setPreparedOn(d.format("YYYY-MM-DD"))}
            allowClear={false}
            data-testid="plan-prepared-on"
          />
        </Space>
      )}
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: <RuleTip rule="F2">{zh ? "类别" : "Category"}</RuleTip>,
            width: 230,
            render: (_, r) => (
              <Select
                style={{ width: "100%" }}
                value={r.category}
                onChange={(category) => update(r.id, { category })}
                options={FUND_CATEGORIES.map((c) => ({ value: c.key, label: c.name[language] }))}
              />
            ),
          },
          {
            title: zh ? "金额（元）" : "Amount (yuan)",
            width: 170,
            render: (_, r, i) => (
              <Input
                value={r.amountText}
                status={parsed[i]!.ok ? undefined : "error"}
                onChange={(e) => update(r.id, { amountText: e.target.value })}
                data-testid={`plan-amount-${i}`}
              />
            ),
          },
          {
            title: zh ? "内容" : "Content",
            render: (_, r, i) => (
              <Space orientation="vertical" style={{ width: "100%" }} size={2}>
                <Input
                  value={r.description}
                  onChange={(e) => update(r.id, { description: e.target.value })}
                  data-testid={`plan-description-${i}`}
                />
                {review.forbidden
                  .filter((f) => f.line === i)
                  .map((f) => (
                    <Typography.Text
                      key={f.reason}
                      type={clearances.some((c) => c.line === i) ? "secondary" : "danger"}
                      style={{ fontSize: 12 }}
                      data-testid={`plan-forbidden-${i}`}
                    >
                      {f.reason}
                      {clearances.some((c) => c.line === i) ? (zh ? "（已确认误报）" : " (cleared)") : ""}
                    </Typography.Text>
                  ))}
              </Space>
            ),
          },
          {
            title: <RuleTip rule="F1">{zh ? "支持方式" : "Support"}</RuleTip>,
            width: 150,
            render: (_, r) => (
              <Select
                allowClear
                style={{ width: "100%" }}
                value={r.supportMethod ?? undefined}
                onChange={(v) => update(r.id, { supportMethod: (v as SupportMethod | undefined) ?? null })}
                options={SUPPORT_METHODS.map((m) => ({
                  value: m.key,
                  label: m.preferred ? m.name[language] : `${m.name[language]}`,
                }))}
              />
            ),
          },
          {
            width: 48,
            render: (_, r) => (
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={zh ? "删除" : "Delete"}
                onClick={() => setRows((all) => all.filter((x) => x.id !== r.id))}
              />
            ),
          },
        ]}
        footer={() => (
          <Space>
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setRows((all) => [
                  ...all,
                  toRow({
                    category: "training",
                    amountFen: 0,
                    description: "",
                    supportMethod: null,
                    lineKey: "",
                  }),
                ])
              }
            >
              {zh ? "添加一行" : "Add a line"}
            </Button>
            <span>
              {zh ? "合计" : "Total"} {formatYuan(review.totalFen, zh ? "元" : "yuan")} /{" "}
              {formatYuan(subsidyFen, zh ? "元" : "yuan")}
            </span>
          </Space>
        )}
      />
      <div data-testid="plan-live-check" style={{ marginTop: 12 }}>
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
            title={zh ? "校验未通过" : "Checks fail"}
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
      <Space wrap>
        {review.shares.map((s) => (
          <Tag key={s.key} color={s.withinTolerance ? "blue" : "red"}>
            {[...FUND_CATEGORIES, ...FUND_GROUPS].find((c) => c.key === s.key)?.name[language] ?? s.key}:{" "}
            {(s.shareBp / 100).toFixed(2)}%
          </Tag>
        ))}
      </Space>
    </Card>
  );
}
