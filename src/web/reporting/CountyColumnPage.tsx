import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useParams } from "react-router";
import { formatBp, formatYuan, yuanToFen } from "../../rules/money";
import { COLUMN_ITEMS, PROJECT_FIELDS } from "../../rules/transparency";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { itemTitle, RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import {
  type ColumnDocument,
  type ColumnProject,
  MESSAGE_STATUS,
  type PublicMessage,
  reportingApi,
  uploadDocument,
} from "./reporting.api";

const label = (key: string) => PROJECT_FIELDS.find((f) => f.key === key)!.label;

/** `/counties/:code/column` — the public column's editor, its completeness check (E2), and the windows (T2). */
export default function CountyColumnPage() {
  const { code = "" } = useParams();
  const { language } = useI18n();
  const zh = language === "zh";
  const user = useUser();
  const canEdit = user.role === "county_admin" || user.role === "province_admin";
  const { message } = App.useApp();
  const column = useRequest((signal) => reportingApi.column(code, signal), [code]);
  const [project, setProject] = useState<ColumnProject | "new" | null>(null);
  const [entry, setEntry] = useState<string | null>(null);
  if (column.error && !column.data) return <ErrorResult error={column.error} onRetry={column.reload} />;
  if (!column.data) return <PageLoading />;
  const c = column.data;

  const act = async (action: () => Promise<unknown>, done = zh ? "已保存" : "Saved") => {
    try {
      await action();
      message.success(done);
      column.reload();
      return true;
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
      return false;
    }
  };
  const docs = (ownerKind: "entry" | "project", ownerId: string, list: ColumnDocument[]) => (
    <Space orientation="vertical" size={2}>
      {list.map((d) => (
        <Space key={d.id} size={4}>
          <a
            href={d.hasFile ? `/gk/${code}/documents/${d.id}` : (d.url ?? "")}
            target="_blank"
            rel="noreferrer"
          >
            {d.title}
          </a>
          {canEdit && (
            <Button
              size="small"
              type="link"
              danger
              onClick={() => act(() => reportingApi.deleteDocument(code, d.id), zh ? "已删除" : "Removed")}
            >
              {zh ? "删除" : "Remove"}
            </Button>
          )}
        </Space>
      ))}
      {canEdit && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void act(
              () =>
                uploadDocument(code, { ownerKind, ownerId, title: file.name.replace(/\.[^.]+$/, "") }, file),
              zh ? "已上传" : "Uploaded",
            );
            return false;
          }}
        >
          <Button size="small">{zh ? "上传文件" : "Upload file"}</Button>
        </Upload>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {zh ? "政务公开专栏" : "Transparency column"}
        </Typography.Title>
        <a href={c.publicUrl} target="_blank" rel="noreferrer">
          {zh ? "查看公开页面" : "Open the public page"}
        </a>
      </Space>
      {c.completeness.isComplete ? (
        <Alert
          type="success"
          showIcon
          title={
            <RuleTip rule={["T1", "T2", "T3", "T4"]}>
              {zh ? "规定公开的内容齐全" : "Every required item is published"}
            </RuleTip>
          }
        />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="column-missing"
          title={
            zh
              ? `缺少 ${c.completeness.missing.length} 项（一票否决项“${itemTitle("E2", language)}”）`
              : `${c.completeness.missing.length} items missing (veto: ${itemTitle("E2", language)})`
          }
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {c.completeness.missing.map((m) => (
                <li key={m.name}>
                  <RuleTip rule={m.rule}>{m.name}</RuleTip>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: "items",
            label: zh ? "公开事项" : "Items",
            children: (
              <Space orientation="vertical" size={12} style={{ width: "100%" }}>
                <SettingsForm
                  zh={zh}
                  canEdit={canEdit}
                  phone={c.supervisionPhone}
                  intro={c.intro}
                  onSave={(v) => act(() => reportingApi.saveColumn(code, v))}
                />
                {COLUMN_ITEMS.filter(
                  (i) =>
                    i.key !== "supervision_phone" && (code.length === 6 || i.scopes.includes("province")),
                ).map((item) => {
                  const entries = c.entries.filter((e) => e.itemKey === item.key);
                  return (
                    <Card
                      key={item.key}
                      size="small"
                      title={<RuleTip rule={item.rule}>{item.label}</RuleTip>}
                      extra={
                        canEdit && (
                          <Button size="small" onClick={() => setEntry(item.key)}>
                            {zh ? "添加" : "Add"}
                          </Button>
                        )
                      }
                    >
                      {entries.length === 0 && (
                        <Typography.Text type="danger">
                          {zh ? "（未公开）" : "(not published)"}
                        </Typography.Text>
                      )}
                      {entries.map((e) => (
                        <div key={e.id} style={{ marginBottom: 8 }}>
                          <Typography.Text strong>{e.title}</Typography.Text>{" "}
                          <Typography.Text type="secondary">{e.publishedOn}</Typography.Text>
                          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>
                            {e.body}
                          </Typography.Paragraph>
                          {docs("entry", e.id, e.documents)}
                          {canEdit && (
                            <Button
                              size="small"
                              type="link"
                              danger
                              onClick={() =>
                                act(() => reportingApi.deleteEntry(code, e.id), zh ? "已删除" : "Removed")
                              }
                            >
                              {zh ? "删除条目" : "Remove entry"}
                            </Button>
                          )}
                        </div>
                      ))}
                    </Card>
                  );
                })}
              </Space>
            ),
          },
          ...(code.length === 6
            ? [
                {
                  key: "projects",
                  label: zh ? "专项资金使用情况" : "Projects",
                  children: (
                    <Card
                      size="small"
                      extra={
                        canEdit && (
                          <Button onClick={() => setProject("new")}>{zh ? "添加项目" : "Add project"}</Button>
                        )
                      }
                    >
                      <Table<ColumnProject>
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={c.projects}
                        scroll={{ x: "max-content" }}
                        columns={[
                          { title: label("name"), dataIndex: "name", width: 200 },
                          { title: label("contractor"), dataIndex: "contractorName", width: 180 },
                          {
                            title: label("subsidy"),
                            dataIndex: "subsidyFen",
                            width: 150,
                            render: (v: number | null) => (v === null ? "—" : formatYuan(v)),
                          },
                          { title: label("deadline"), dataIndex: "deadline", width: 110 },
                          {
                            title: label("progress"),
                            key: "progress",
                            width: 170,
                            render: (_, p) =>
                              p.progressBp === null
                                ? "—"
                                : `${formatBp(p.progressBp)} · ${p.progressUpdatedOn ?? ""}`,
                          },
                          {
                            title: label("decisionDocuments"),
                            key: "docs",
                            width: 220,
                            render: (_, p) => docs("project", p.id, p.documents),
                          },
                          {
                            key: "edit",
                            width: 130,
                            render: (_, p) =>
                              canEdit && (
                                <Space>
                                  <Button size="small" onClick={() => setProject(p)}>
                                    {zh ? "编辑" : "Edit"}
                                  </Button>
                                  <Button
                                    size="small"
                                    danger
                                    onClick={() =>
                                      act(
                                        () => reportingApi.deleteProject(code, p.id),
                                        zh ? "已删除" : "Removed",
                                      )
                                    }
                                  >
                                    {zh ? "删除" : "Remove"}
                                  </Button>
                                </Space>
                              ),
                          },
                        ]}
                      />
                    </Card>
                  ),
                },
              ]
            : []),
          {
            key: "messages",
            label: zh ? "意见与举报" : "Comments and complaints",
            children: <Messages code={code} zh={zh} canEdit={canEdit} />,
          },
        ]}
      />
      {entry && (
        <EntryModal
          zh={zh}
          itemKey={entry}
          onClose={() => setEntry(null)}
          onSave={async (v) => {
            if (await act(() => reportingApi.addEntry(code, { ...v, itemKey: entry }))) setEntry(null);
          }}
        />
      )}
      {project && (
        <ProjectModal
          zh={zh}
          project={project === "new" ? null : project}
          onClose={() => setProject(null)}
          onSave={async (body) => {
            const ok = await act(() =>
              project === "new"
                ? reportingApi.addProject(code, body)
                : reportingApi.updateProject(code, project.id, body),
            );
            if (ok) setProject(null);
          }}
        />
      )}
    </Space>
  );
}

function SettingsForm(props: {
  zh: boolean;
  canEdit: boolean;
  phone: string | null;
  intro: string;
  onSave: (v: { supervisionPhone: string | null; intro: string }) => void;
}) {
  const { zh } = props;
  const [form] = Form.useForm();
  return (
    <Card
      size="small"
      title={<RuleTip rule="T2">{zh ? "监督电话与简介" : "Supervision telephone and introduction"}</RuleTip>}
    >
      <Form
        form={form}
        layout="vertical"
        disabled={!props.canEdit}
        initialValues={{ supervisionPhone: props.phone ?? "", intro: props.intro }}
        onFinish={(v) =>
          props.onSave({ supervisionPhone: v.supervisionPhone?.trim() || null, intro: v.intro ?? "" })
        }
      >
        <Form.Item
          name="supervisionPhone"
          label={zh ? "监督电话" : "Supervision telephone"}
          rules={[{ pattern: /^[0-9+\-() ]{5,30}$/ }]}
        >
          <Input inputMode="tel" style={{ maxWidth: 260 }} />
        </Form.Item>
        <Form.Item name="intro" label={zh ? "专栏简介" : "Introduction"}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {props.canEdit && (
          <Button htmlType="submit" type="primary">
            {zh ? "保存" : "Save"}
          </Button>
        )}
      </Form>
    </Card>
  );
}

function EntryModal(props: {
  zh: boolean;
  itemKey: string;
  onClose: () => void;
  onSave: (v: { title: string; body: string; publishedOn: string | null }) => void;
}) {
  const { zh } = props;
  const [form] = Form.useForm();
  const item = COLUMN_ITEMS.find((i) => i.key === props.itemKey)!;
  return (
    <Modal
      open
      title={item.label}
      onCancel={props.onClose}
      onOk={async () => props.onSave({ publishedOn: null, ...(await form.validateFields()) })}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={zh ? "标题" : "Title"} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={zh ? "正文" : "Text"}>
          <Input.TextArea rows={6} />
        </Form.Item>
        <Form.Item
          name="publishedOn"
          label={zh ? "发布日期（YYYY-MM-DD）" : "Published on (YYYY-MM-DD)"}
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProjectModal(props: {
  zh: boolean;
  project: ColumnProject | null;
  onClose: () => void;
  onSave: (body: Record<string, unknown>) => void;
}) {
  const { zh, project } = props;
  const [form] = Form.useForm();
  const initial = project
    ? {
        ...project,
        subsidy: project.subsidyFen === null ? "" : (project.subsidyFen / 100).toFixed(2),
        progressPct: project.progressBp === null ? null : project.progressBp / 100,
      }
    : { progressPct: null };
  const save = async () => {
    const v = await form.validateFields();
    const subsidy = v.subsidy?.trim() ? yuanToFen(v.subsidy) : null;
    if (subsidy && !subsidy.ok) {
      form.setFields([{ name: "subsidy", errors: [subsidy.reason[zh ? "zh" : "en"]] }]);
      return;
    }
    props.onSave({
      name: v.name,
      content: v.content ?? "",
      contractorName: v.contractorName ?? "",
      subsidyFen: subsidy ? subsidy.value : null,
      deadline: v.deadline?.trim() || null,
      performanceTargets: v.performanceTargets ?? "",
      countyResponsible: v.countyResponsible ?? "",
      contractorResponsible: v.contractorResponsible ?? "",
      contractNo: v.contractNo?.trim() || null,
      progressBp:
        v.progressPct === null || v.progressPct === undefined ? null : Math.round(v.progressPct * 100),
      progressText: v.progressText ?? "",
    });
  };
  return (
    <Modal
      open
      width={640}
      title={project ? project.name : zh ? "添加项目" : "Add project"}
      onCancel={props.onClose}
      onOk={save}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={label("name")} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label={zh ? "建设内容和要求" : "Content and requirements"}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="contractorName" label={label("contractor")}>
          <Input />
        </Form.Item>
        <Form.Item name="subsidy" label={`${label("subsidy")}（元）`}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={`${label("deadline")}（YYYY-MM-DD）`}
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="performanceTargets" label={label("targets")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="countyResponsible"
          label={zh ? "示范县责任人（姓名、职务）" : "County responsible (name, role)"}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="contractorResponsible"
          label={zh ? "承办单位责任人（姓名、职务）" : "Contractor responsible (name, role)"}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="contractNo"
          label={zh ? "对应合同编号" : "Contract number"}
          tooltip={
            zh
              ? "每个中央资金支付的合同都须在专栏中作为项目公开（一票否决项）"
              : "Every contract paid from central funds must stand in the column as a project (veto E2)"
          }
        >
          <Input />
        </Form.Item>
        <Form.Item name="progressPct" label={zh ? "进度（%）" : "Progress (%)"}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="progressText" label={zh ? "进度说明" : "Progress note"}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Messages({ code, zh, canEdit }: { code: string; zh: boolean; canEdit: boolean }) {
  const { message } = App.useApp();
  const list = useRequest((signal) => reportingApi.messages(code, signal), [code]);
  const [replying, setReplying] = useState<PublicMessage | null>(null);
  const [form] = Form.useForm();
  if (list.error && !list.data) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table<PublicMessage>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        expandable={{
          expandedRowRender: (m) => (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.body}</Typography.Paragraph>
          ),
        }}
        columns={[
          { title: zh ? "受理编号" : "Tracking no.", dataIndex: "trackingNo", width: 190 },
          {
            title: zh ? "类别" : "Kind",
            dataIndex: "kind",
            width: 80,
            render: (k: string) =>
              k === "complaint" ? (zh ? "举报" : "Complaint") : zh ? "意见" : "Comment",
          },
          { title: zh ? "标题" : "Subject", dataIndex: "subject" },
          {
            title: zh ? "联系方式" : "Contact",
            key: "contact",
            width: 160,
            render: (_, m) => [m.contactName, m.contactPhone].filter(Boolean).join(" ") || "—",
          },
          {
            title: zh ? "状态" : "Status",
            dataIndex: "status",
            width: 90,
            render: (status: PublicMessage["status"]) => {
              const [zhName, enName, color] = MESSAGE_STATUS[status] ?? [status, status, "default"];
              return <Tag color={color}>{zh ? zhName : enName}</Tag>;
            },
          },
          { title: zh ? "办理时长（小时）" : "Hours", dataIndex: "handlingHours", width: 110 },
          {
            key: "reply",
            width: 90,
            render: (_, m) =>
              canEdit && (
                <Button
                  size="small"
                  onClick={() => {
                    form.setFieldsValue({
                      status: m.status === "received" ? "replied" : m.status,
                      reply: m.reply ?? "",
                      isPublished: m.isPublished,
                    });
                    setReplying(m);
                  }}
                >
                  {zh ? "办理" : "Handle"}
                </Button>
              ),
          },
        ]}
      />
      {replying && (
        <Modal
          open
          title={replying.subject}
          onCancel={() => setReplying(null)}
          onOk={async () => {
            const v = await form.validateFields();
            try {
              await reportingApi.reply(code, replying.id, {
                status: v.status,
                reply: v.reply || null,
                isPublished: Boolean(v.isPublished),
              });
              message.success(zh ? "已保存" : "Saved");
              setReplying(null);
              list.reload();
            } catch (error) {
              message.error(error instanceof Error ? error.message : String(error));
            }
          }}
        >
          <Form form={form} layout="vertical">
            <Form.Item name="status" label={zh ? "状态" : "Status"}>
              <Select
                options={[
                  { value: "processing", label: zh ? "办理中" : "Processing" },
                  { value: "replied", label: zh ? "已答复" : "Replied" },
                  { value: "closed", label: zh ? "已办结" : "Closed" },
                ]}
              />
            </Form.Item>
            <Form.Item name="reply" label={zh ? "答复" : "Reply"}>
              <Input.TextArea rows={4} />
            </Form.Item>
            {replying.kind === "comment" && (
              <Form.Item
                name="isPublished"
                label={zh ? "在专栏公开意见和答复" : "Publish in the column"}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
    </>
  );
}
