/** The county's timeline (the milestones M1–M5 and its own deadlines), each done, due or overdue as of the date. */
import { Card, Segmented, Space, Table, Tag } from "antd";
import { useState } from "react";
import { useI18n } from "../app/i18n";
import { RuleTip } from "../components/RuleTip";
import type { Timeline } from "./acceptance.api";
import { TIMELINE_STATUS } from "./acceptance.display";

const KIND = {
  milestone: { zh: "节点", en: "Milestone" },
  contract: { zh: "合同", en: "Contract" },
  deliverable: { zh: "建设内容", en: "Deliverable" },
  report: { zh: "信息报送", en: "Report" },
};

export function TimelineCard({ timeline }: { timeline: Timeline }) {
  const { language } = useI18n();
  const zh = language === "zh";
  const [filter, setFilter] = useState<"open" | "all">("open");
  // Milestones always show; other deadlines only while not done, unless asked for all.
  const rows = timeline.entries.filter(
    (e) => filter === "all" || e.kind === "milestone" || e.status !== "done",
  );
  return (
    <Card
      data-testid="timeline-card"
      title={
        <Space>
          {zh ? "时间线" : "Timeline"}
          <Tag color="green">
            {TIMELINE_STATUS.done[language]} {timeline.counts.done}
          </Tag>
          <Tag color="blue">
            {TIMELINE_STATUS.due[language]} {timeline.counts.due}
          </Tag>
          <Tag color="red">
            {TIMELINE_STATUS.overdue[language]} {timeline.counts.overdue}
          </Tag>
        </Space>
      }
      extra={
        <Segmented
          size="small"
          value={filter}
          onChange={(v) => setFilter(v as "open" | "all")}
          options={[
            { value: "open", label: zh ? "节点与未完成" : "Milestones and open" },
            { value: "all", label: zh ? "全部" : "All" },
          ]}
        />
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table
        data-testid="timeline-table"
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={rows.length > 15 ? { pageSize: 15, size: "small" } : false}
        scroll={{ x: 800 }}
        columns={[
          {
            title: zh ? "期限" : "Due",
            key: "due",
            width: 190,
            render: (_, e) => (e.startOn ? `${e.startOn} – ${e.dueOn}` : e.dueOn),
          },
          {
            title: zh ? "类别" : "Kind",
            key: "kind",
            width: 90,
            // A milestone's rule (M1–M5) is in the tooltip, not in the text.
            render: (_, e) =>
              e.rule && e.kind === "milestone" ? (
                <RuleTip rule={e.rule}>{KIND.milestone[language]}</RuleTip>
              ) : (
                KIND[e.kind][language]
              ),
          },
          { title: zh ? "事项" : "What", key: "title", render: (_, e) => e.title[language] },
          {
            title: zh ? "状态" : "Status",
            key: "status",
            width: 150,
            render: (_, e) => (
              <Space size={4}>
                <Tag color={TIMELINE_STATUS[e.status].color}>{TIMELINE_STATUS[e.status][language]}</Tag>
                {e.isLate && <Tag color="orange">{zh ? `迟 ${e.daysLate} 天` : `${e.daysLate} d late`}</Tag>}
                {e.status === "overdue" && <span>{zh ? `${e.daysLate} 天` : `${e.daysLate} d`}</span>}
                {e.isDueSoon && <Tag color="orange">{zh ? "即将到期" : "Soon"}</Tag>}
              </Space>
            ),
          },
          { title: zh ? "说明" : "Note", dataIndex: "note" },
        ]}
      />
    </Card>
  );
}
