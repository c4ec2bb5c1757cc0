/**
 * The form of one record roster (rules K3–K6), built from its fields in records.ts: adds a record
 * or changes one. The roster's cross-field check (the server's own, src/rules) runs before saving;
 * what the server still refuses is shown on the field it names.
 */
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useI18n } from "../app/i18n";
import { showSaveError } from "./form-errors";
import { outcomesApi, type RecordRow } from "./outcomes.api";
import { useOutcomesText } from "./outcomes.messages";
import type { RecordField, RecordRoster } from "./records";

type Values = Record<string, unknown>;

/** A stored record as the form's values: dates as dayjs, the rest as they are. */
function toFormValues(fields: readonly RecordField[], record: RecordRow | undefined): Values {
  const values: Values = {};
  for (const field of fields) {
    const value = record?.[field.key];
    if (field.kind === "date")
      values[field.key] = typeof value === "string" && value ? dayjs(value) : undefined;
    else if (field.kind === "bool") values[field.key] = record ? Boolean(value) : false;
    else if (field.kind === "int") values[field.key] = record ? Number(value) : 0;
    else values[field.key] = value ?? undefined;
  }
  return values;
}

/** The form's values as the API takes them. */
function toBody(fields: readonly RecordField[], values: Values): Values {
  const body: Values = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind === "date") body[field.key] = value ? (value as Dayjs).format("YYYY-MM-DD") : null;
    else if (field.kind === "bool") body[field.key] = Boolean(value);
    else if (field.kind === "int") body[field.key] = Number(value ?? 0);
    else body[field.key] = typeof value === "string" ? value.trim() : "";
  }
  return body;
}

/** Mount it while the form is open: each opening starts from the record's values (or blank). */
export function RecordForm({
  countyCode,
  roster,
  record,
  onClose,
  onSaved,
}: {
  countyCode: string;
  roster: RecordRoster;
  /** The record to change; none to add one. */
  record?: RecordRow;
  onClose: () => void;
  onSaved: () => void;
}) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const name = roster.label[language];
  const [initialValues] = useState(() => toFormValues(roster.fields, record));

  const save = async () => {
    const values = await form.validateFields();
    const body = toBody(roster.fields, values);
    const problem = roster.check?.(body);
    if (problem) {
      form.setFields([{ name: problem.path, errors: [problem[language]] }]);
      return;
    }
    // Photo notes typed before photos were uploads stay as they were.
    if (roster.hasPhotos) body.photoRefs = (record?.photoRefs as string | undefined) ?? "";
    setSaving(true);
    try {
      if (record) await outcomesApi.updateRecord(countyCode, roster.path, record.id, body);
      else await outcomesApi.createRecord(countyCode, roster.path, body);
      message.success(text("saved"));
      onSaved();
    } catch (error) {
      showSaveError(
        form,
        message,
        error,
        roster.fields.map((f) => f.key),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={text(record ? "recordFormEdit" : "recordFormAdd", { roster: name })}
      onOk={save}
      onCancel={onClose}
      okText={text("save")}
      cancelText={text("cancel")}
      confirmLoading={isSaving}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="record-form">
        {roster.fields.map((field) => (
          <Form.Item
            key={field.key}
            name={field.key}
            label={field.label[language]}
            valuePropName={field.kind === "bool" ? "checked" : "value"}
            extra={field.help?.[language]}
            rules={[
              ...(field.isRequired ? [{ required: true, message: text("required") }] : []),
              ...(field.max ? [{ max: field.max, message: text("tooLong", { max: field.max }) }] : []),
            ]}
          >
            <FieldInput field={field} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** The input of one field kind; antd's Form.Item hands it value and onChange. */
function FieldInput({ field, ...control }: { field: RecordField }) {
  const { language } = useI18n();
  switch (field.kind) {
    case "text":
      return <Input {...control} maxLength={field.max} />;
    case "link":
      return <Input {...control} maxLength={field.max} inputMode="url" placeholder="https://" />;
    case "textarea":
      return <Input.TextArea {...control} maxLength={field.max} autoSize={{ minRows: 2, maxRows: 6 }} />;
    case "date":
      return <DatePicker {...control} style={{ width: "100%" }} />;
    case "int":
      return <InputNumber {...control} min={0} max={1000} precision={0} style={{ width: "100%" }} />;
    case "bool":
      return <Checkbox {...control} />;
    case "select":
      return (
        <Select
          {...control}
          options={Object.entries(field.vocabulary ?? {}).map(([value, label]) => ({
            value,
            label: label[language],
          }))}
        />
      );
  }
}
