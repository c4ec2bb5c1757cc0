/**
 * The county's performance evaluation (绩效评价, F10 / M5): total points and grade, points per group,
 * and every indicator with the items and measured values its points rest on.
 */
import { Alert, Card, Progress, Space, Table, Tag, Typography } from "antd";
import { describeMeasures } from "../../rules/acceptance/labels";
import type { IndicatorScore, PerformanceEvaluation } from "../../rules/acceptance/performance";
import { useI18n } from "../app/i18n";
import { ItemNames, itemTitles } from "../components/RuleTip";
import type { Scorecard } from "./acceptance.api";
import { GRADE, STATUS, VERDICT } from "./acceptance.display";

const BASIS: Record<IndicatorScore["basis"], { zh: string; en: string; color: string }> = {
  pass: { ...STATUS.pass!, zh: "通过" },
  partial: { color: "orange", zh: "部分得分", en: "Partial" },
  fail: { ...STATUS.fail! },
  pending: { ...STATUS.pending! },
  "n/a": { ...STATUS["n/a"]! },
  progress: { color: "blue", zh: "按进度", en: "Progress" },
  no_data: { color: "default", zh: "无数据", en: "No data" },
};

/**
 * Why a county with many points is not accepted (96 分 yet 未通过验收): the grade measures how much
 * of the work was done; the verdict rests on the items and the veto items. Empty when it agrees.
 */
export function verdictBesideGrade(
  p: Pick<PerformanceEvaluation, "points" | "grade">,
  card: Pick<Scorecard, "verdict" | "items" | "veto">,
  language: "zh" | "en",
): string {
  if (card.verdict === "passed" || card.verdict === "incomplete" || p.grade === "poor") return "";
  const zh = language === "zh";
  const vetoed = card.veto.filter((v) => v.status === "triggered").map((v) => v.id);
  const failed = card.items.filter((i) => i.status === "fail").map((i) => i.id);
  const reason = vetoed.length
    ? zh
      ? `一票否决项“${itemTitles(vetoed, language)}”触发`
      : `the veto item ${itemTitles(vetoed, language)} is triggered`
    : zh
      ? `“${itemTitles(failed, language)}”未达标`
      : `${itemTitles(failed, language)} failed`;
  return zh
    ? `绩效得分 ${p.points} 分（${GRADE[p.grade].zh}）反映各项工作的完成程度；验收结论看每一项指标和一票否决项：${reason}，所以${VERDICT[card.verdict].zh}。`
    : `${p.points} points (${GRADE[p.grade].en}) measure how much work was done; the verdict rests on every item and the veto items: ${reason}, hence ${VERDICT[card.verdict].en}.`;
}

export function PerformanceCard({
  performance,
  scorecard,
}: {
  performance: PerformanceEvaluation;
  /** The verdict the grade stands beside, to explain when they seem to disagree. */
  scorecard?: Pick<Scorecard, "verdict" | "items" | "veto">;
}) {
  const { language } = useI18n();
  const zh = language === "zh";
  const p = performance;
  const besideVerdict = scorecard ? verdictBesideGrade(p, scorecard, language) : "";
  return (
    <Card
      data-testid="performance-card"
      title={
        <Space>
          {zh ? "绩效评价" : "Performance evaluation"}
          <Tag color={GRADE[p.grade].color} data-testid="performance-grade">
            {GRADE[p.grade][language]}
          </Tag>
          <Typography.Text data-testid="performance-points">
            {p.points} / {p.maxPoints} {zh ? "分" : "points"}
          </Typography.Text>
        </Space>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {p.grade !== p.gradeByPoints && (
          <Alert
            type="error"
            showIcon
            message={
              zh
                ? `按分数为${GRADE[p.gradeByPoints].zh}；因一票否决项“${itemTitles(p.vetoed, language)}”触发，评为${GRADE[p.grade].zh}`
                : `The points give ${GRADE[p.gradeByPoints].en}; the veto item ${itemTitles(p.vetoed, language)} makes it ${GRADE[p.grade].en}`
            }
          />
        )}
        {besideVerdict && (
          <Alert type="info" showIcon data-testid="grade-beside-verdict" message={besideVerdict} />
        )}
        {p.isProvisional && (
          <Alert
            type="warning"
            showIcon
            message={
              zh
                ? `尚有待评估项（${itemTitles(p.pendingItems, language) || "一票否决项"}），暂不计分，结果为暂定`
                : `Pending items (${itemTitles(p.pendingItems, language) || "veto"}) earn nothing yet; provisional`
            }
          />
        )}
        <Space wrap size={24}>
          {p.groups.map((g) => (
            <Space key={g.group} orientation="vertical" size={0} style={{ minWidth: 150 }}>
              <Typography.Text type="secondary">
                {g.title[language]}（{g.weight}）
              </Typography.Text>
              <Progress
                percent={g.weight ? Math.round((g.points / g.weight) * 100) : 0}
                format={() => `${g.points}`}
                size="small"
              />
            </Space>
          ))}
        </Space>
        <Typography.Text type="secondary">
          {zh
            ? `等级：优秀 ≥ ${p.gradeFloors.excellent}，良好 ≥ ${p.gradeFloors.good}，一般 ≥ ${p.gradeFloors.fair}，较差 < ${p.gradeFloors.fair}`
            : `Grades: excellent ≥ ${p.gradeFloors.excellent}, good ≥ ${p.gradeFloors.good}, fair ≥ ${p.gradeFloors.fair}`}
        </Typography.Text>
        <Table
          data-testid="performance-table"
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={p.indicators}
          columns={[
            {
              title: zh ? "指标" : "Indicator",
              key: "title",
              width: 180,
              render: (_, i) => i.title[language],
            },
            { title: zh ? "权重" : "Weight", dataIndex: "weight", width: 70, align: "right" },
            { title: zh ? "得分" : "Points", dataIndex: "points", width: 70, align: "right" },
            {
              title: zh ? "方式" : "Basis",
              key: "basis",
              width: 100,
              render: (_, i) => <Tag color={BASIS[i.basis].color}>{BASIS[i.basis][language]}</Tag>,
            },
            {
              title: zh ? "依据" : "Evidence",
              key: "trace",
              render: (_, i) => (
                <span>
                  <Typography.Text strong>
                    <ItemNames ids={i.itemIds} />
                  </Typography.Text>{" "}
                  {describeMeasures(i.measured, language)}
                </span>
              ),
            },
            { title: zh ? "说明" : "Note", dataIndex: "note" },
          ]}
        />
      </Space>
    </Card>
  );
}
