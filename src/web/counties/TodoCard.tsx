/**
 * The county home's to-do list (待办事项): what is overdue, due or open as of the page's date,
 * each a link to where it is done.
 */
import { Card, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import { AsOfNote, type DefaultAsOf } from "../components/use-default-as-of";
import type { CountyTodo } from "./counties.api";

const STATE = {
  overdue: { zh: "逾期", color: "red" },
  due: { zh: "待办", color: "orange" },
  open: { zh: "待处理", color: "blue" },
} as const;

export function TodoCard({ todo, fallback }: { todo: CountyTodo; fallback: DefaultAsOf | undefined }) {
  const { counts } = todo;
  return (
    <Card
      size="small"
      data-testid="county-todo"
      title={`待办事项（截至 ${todo.asOf}）`}
      extra={
        <Space size={4} wrap>
          <AsOfNote asOf={todo.asOf} fallback={fallback} />
          <Tag color="red">逾期 {counts.overdue}</Tag>
          <Tag color="orange">待办 {counts.due}</Tag>
          <Tag color="blue">待处理 {counts.open}</Tag>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <List
        size="small"
        locale={{ emptyText: "暂无待办事项" }}
        dataSource={todo.items}
        pagination={todo.items.length > 8 ? { pageSize: 8, size: "small" } : false}
        renderItem={(item) => (
          <List.Item
            extra={item.dueOn ? <Typography.Text type="secondary">{item.dueOn}</Typography.Text> : null}
          >
            <Space orientation="vertical" size={0}>
              <Space size={6}>
                <Tag color={STATE[item.state].color}>{STATE[item.state].zh}</Tag>
                <Link to={item.link}>{item.title}</Link>
              </Space>
              <Typography.Text type="secondary">{item.detail}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
