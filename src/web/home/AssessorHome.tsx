import {
  Card,
  Col,
  List,
  Row,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { Link } from "react-router";
import { VERDICT } from "../acceptance/acceptance.display";
import { useI18n } from "../app/i18n";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { type AssessorTask, fetchAssessorHome, type AssessorHome as Home } from "./home.api";
import { useHomeText } from "./home.messages";

const KIND_COLORS: Record<AssessorTask["kind"], string> = {
  decision: "gold",
  assessment: "blue",
  reassessment: "purple",
};

type County = Home["counties"][number];

/** `/` for a third-party assessor: its counties, their verdicts, and what waits for it in each. */
export default function AssessorHome() {
  const ht = useHomeText();
  const { language } = useI18n();
  const asOf = useDefaultAsOf()?.asOf;
  const home = useRequest(
    (signal) => (asOf ? fetchAssessorHome(asOf, signal) : Promise.resolve(undefined)),
    [asOf],
  );
  if (home.error && !home.data) return <ErrorResult error={home.error} onRetry={home.reload} />;
  if (!home.data) return <PageLoading />;
  const data = home.data;

  const columns: TableColumnsType<County> = [
    {
      title: ht("county"),
      dataIndex: "name",
      width: 130,
      fixed: "left",
      render: (name: string, c) => <Link to={`/counties/${c.code}/acceptance`}>{name}</Link>,
    },
    {
      title: ht("verdict"),
      dataIndex: "verdict",
      width: 120,
      render: (v: County["verdict"]) => <Tag color={VERDICT[v].color}>{VERDICT[v][language]}</Tag>,
    },
    { title: ht("items"), key: "items", width: 230, render: (_, c) => ht("itemCounts", c.counts) },
    {
      title: ht("tasks"),
      key: "tasks",
      width: 260,
      render: (_, c) =>
        c.tasks.length === 0 ? (
          <Typography.Text type="secondary">{ht("noTasks")}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {(["decision", "assessment", "reassessment"] as const).map((kind) => {
              const n = c.tasks.filter((t) => t.kind === kind).length;
              return n ? (
                <Tag key={kind} color={KIND_COLORS[kind]}>
                  {ht(`kind.${kind}`)} {n}
                </Tag>
              ) : null;
            })}
          </Space>
        ),
    },
    {
      title: ht("signed"),
      dataIndex: "signedAt",
      width: 120,
      render: (v: string | null) => (v ? v.slice(0, 10) : ht("notSigned")),
    },
  ];

  return (
    <div data-testid="assessor-home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {ht("assessorTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{ht("assessorIntro", { date: data.asOf })}</Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            ["counties", data.counties.length],
            ["decisions", data.totals.decisions],
            ["assessments", data.totals.assessments],
            ["reassessments", data.totals.reassessments],
          ] as const
        ).map(([key, value]) => (
          <Col xs={12} md={6} key={key}>
            <Card size="small" data-testid={`assessor-stat-${key}`}>
              <Statistic title={ht(key)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<County>
          data-testid="assessor-counties"
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={data.counties}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: ht("noCounties") }}
          expandable={{
            rowExpandable: (c) => c.tasks.length > 0,
            expandedRowRender: (c) => <TaskList tasks={c.tasks} />,
          }}
        />
      </Card>
    </div>
  );
}

function TaskList({ tasks }: { tasks: AssessorTask[] }) {
  const ht = useHomeText();
  return (
    <List
      size="small"
      data-testid="assessor-tasks"
      dataSource={tasks}
      renderItem={(task) => (
        <List.Item extra={<Link to={task.link}>{ht("open")}</Link>}>
          <List.Item.Meta
            title={
              <Space size={6} wrap>
                <Tooltip title={task.ref}>
                  <Tag color={KIND_COLORS[task.kind]}>{ht(`kind.${task.kind}`)}</Tag>
                </Tooltip>
                <Link to={task.link}>{task.title}</Link>
              </Space>
            }
            description={task.detail || undefined}
          />
        </List.Item>
      )}
    />
  );
}
