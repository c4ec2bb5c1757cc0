/**
 * Staff of the center, warehouses and stations (rule K5: 优先录用贫困人员): the share of registered
 * poor staff for the county and per facility on the as-of date, the roster, and the form that adds,
 * changes and deletes a record. The person id is entered, sent once and never shown again: the
 * server keeps an ID-card number only as its keyed hash and a masked form.
 */
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { FACILITY_KINDS, staffDatesProblem } from "../../rules/outcomes";
import { ApiError } from "../api/client";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { useRequest } from "../components/use-request";
import { percent } from "../upward/upward-text";
import { showSaveError } from "./form-errors";
import { outcomesApi, type StaffRecord } from "./outcomes.api";
import { useOutcomesText } from "./outcomes.messages";

type StaffForm = {
  facilityKind: string;
  facilityCode: string;
  personId?: string;
  role: string;
  startedOn: Dayjs;
  endedOn?: Dayjs | null;
  isPoor: boolean;
};

export function StaffTab({
  countyCode,
  asOf,
  canWrite,
  onChange,
}: {
  countyCode: string;
  asOf: string;
  canWrite: boolean;
  onChange: () => void;
}) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<StaffRecord | null>();
  const staff = useRequest((signal) => outcomesApi.staff(countyCode, asOf, signal), [countyCode, asOf]);
  if (staff.error) return <ErrorResult error={staff.error} onRetry={staff.reload} />;
  if (!staff.data) return <PageLoading />;
  const kind = (k: string) => FACILITY_KINDS[k as keyof typeof FACILITY_KINDS]?.[language] ?? k;
  const { county } = staff.data;
  const changed = () => {
    staff.reload();
    onChange();
  };
  const remove = async (record: StaffRecord) => {
    try {
      await outcomesApi.deleteStaff(countyCode, record.id);
      message.success(text("deleted"));
      changed();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text data-testid="staff-share">
        {text("staffShare", {
          staff: county.staff,
          poor: county.poorStaff,
          share: percent(county.poorShareBp),
        })}
      </Typography.Text>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {text("byFacility")}
      </Typography.Title>
      <Table
        data-testid="staff-facilities"
        size="small"
        rowKey={(r) => `${r.facilityKind}-${r.facilityCode}`}
        pagination={false}
        dataSource={staff.data.facilities}
        columns={[
          { title: text("facilityKind"), dataIndex: "facilityKind", render: kind },
          { title: text("facilityCode"), dataIndex: "facilityCode" },
          { title: text("staffCount"), dataIndex: "staff", align: "right" },
          { title: text("poorStaff"), dataIndex: "poorStaff", align: "right" },
          { title: text("share"), dataIndex: "poorShareBp", align: "right", render: percent },
        ]}
      />
      <Space wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {text("roster")}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" onClick={() => setEditing(null)} data-testid="staff-add">
            {text("staffAdd")}
          </Button>
        )}
        <Typography.Text type="secondary">{text("staffHint")}</Typography.Text>
      </Space>
      <Table<StaffRecord>
        data-testid="staff-roster"
        size="small"
        rowKey="id"
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        dataSource={staff.data.items}
        columns={[
          {
            title: text("person"),
            dataIndex: "personLabel",
            render: (v: string, r) => <DemoValue isDemo={r.isDemo}>{v}</DemoValue>,
          },
          { title: text("facilityKind"), dataIndex: "facilityKind", render: kind },
          { title: text("facilityCode"), dataIndex: "facilityCode" },
          { title: text("role"), dataIndex: "role" },
          { title: text("startedOn"), dataIndex: "startedOn" },
          { title: text("endedOn"), dataIndex: "endedOn", render: (v: string | null) => v ?? "" },
          {
            title: text("isPoor"),
            dataIndex: "isPoor",
            render: (v: boolean) => (v ? text("yes") : text("no")),
          },
          ...(canWrite
            ? [
                {
                  key: "actions",
                  title: text("actions"),
                  render: (_: unknown, r: StaffRecord) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="staff-edit">
                        {text("edit")}
                      </Button>
                      <Popconfirm
                        title={text("confirmDelete")}
                        onConfirm={() => remove(r)}
                        okText={text("delete")}
                        cancelText={text("cancel")}
                      >
                        <Button type="link" size="small" danger data-testid="staff-delete">
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
      {editing !== undefined && (
        <StaffModal
          countyCode={countyCode}
          record={editing ?? undefined}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            changed();
          }}
        />
      )}
    </Space>
  );
}

function StaffModal({
  countyCode,
  record,
  onClose,
  onSaved,
}: {
  countyCode: string;
  record?: StaffRecord;
  onClose: () => void;
  onSaved: () => void;
}) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffForm>();
  const [isSaving, setSaving] = useState(false);
  const [initialValues] = useState<Partial<StaffForm>>(() =>
    record
      ? {
          facilityKind: record.facilityKind,
          facilityCode: record.facilityCode,
          role: record.role,
          startedOn: dayjs(record.startedOn),
          endedOn: record.endedOn ? dayjs(record.endedOn) : null,
          isPoor: record.isPoor,
        }
      : { isPoor: false },
  );
  const save = async () => {
    const v = await form.validateFields();
    const body = {
      facilityKind: v.facilityKind,
      facilityCode: v.facilityCode.trim(),
      // Left blank on a change, the person stays as recorded.
      personId: v.personId?.trim() || undefined,
      role: v.role.trim(),
      startedOn: v.startedOn.format("YYYY-MM-DD"),
      endedOn: v.endedOn ? v.endedOn.format("YYYY-MM-DD") : null,
      isPoor: Boolean(v.isPoor),
    };
    const problem = staffDatesProblem(body);
    if (problem) {
      form.setFields([{ name: problem.path as keyof StaffForm, errors: [problem[language]] }]);
      return;
    }
    setSaving(true);
    try {
      if (record) await outcomesApi.updateStaff(countyCode, record.id, body);
      else await outcomesApi.createStaff(countyCode, body);
      // The id typed is not kept in the page once sent.
      form.setFieldValue("personId", "");
      message.success(text("saved"));
      onSaved();
    } catch (error) {
      showSaveError(form, message, error, [
        "facilityKind",
        "facilityCode",
        "personId",
        "role",
        "startedOn",
        "endedOn",
      ]);
    } finally {
      setSaving(false);
    }
  };
  const required = { required: true, message: text("required") };
  return (
    <Modal
      open
      title={text(record ? "staffFormEdit" : "staffFormAdd")}
      onOk={save}
      onCancel={onClose}
      okText={text("save")}
      cancelText={text("cancel")}
      confirmLoading={isSaving}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="staff-form">
        <Form.Item name="facilityKind" label={text("facilityKind")} rules={[required]}>
          <Select
            options={Object.entries(FACILITY_KINDS).map(([value, label]) => ({
              value,
              label: label[language],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="facilityCode"
          label={text("facilityCode")}
          extra={text("facilityCodeHelp")}
          rules={[required, { max: 40, message: text("tooLong", { max: 40 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="personId"
          label={text("personId")}
          extra={record ? text("personKeep") : undefined}
          rules={[...(record ? [] : [required]), { max: 64, message: text("tooLong", { max: 64 }) }]}
        >
          <Input
            autoComplete="off"
            spellCheck={false}
            placeholder={record ? record.personLabel : undefined}
          />
        </Form.Item>
        <Form.Item
          name="role"
          label={text("role")}
          rules={[required, { max: 50, message: text("tooLong", { max: 50 }) }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="startedOn" label={text("startedOn")} rules={[required]}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="endedOn" label={text("endedOn")} extra={text("endedOnHelp")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="isPoor" valuePropName="checked">
          <Checkbox>{text("isPoor")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
