/**
 * Rectification (整改, rule K1) on the acceptance page: every failed item and confirmed finding with
 * its owner and deadline; the county sends evidence of the fix (with the file uploaded), the
 * assessor re-assesses it; each one's history (opened, evidence, re-assessments) with its files.
 */
import { App, Button, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Upload } from "antd";
import { useState } from "react";
import { STEP_ACTORS } from "../../rules/acceptance/procedure";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { ItemNames, itemTitle } from "../components/RuleTip";
import {
  addRectificationEvent,
  documentUrl,
  openRectification,
  type ProcedureView,
  uploadProcedureDocument,
} from "./procedure.api";
import { type ProcedureTextKey, useProcedureText } from "./procedure.messages";

type Rectification = ProcedureView["rectifications"][number];
type Dialog = { kind: "open" } | { kind: "evidence" | "reassess"; rect: Rectification };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function RectificationsSection({
  code,
  asOf,
  view,
  onChange,
}: {
  code: string;
  asOf: string;
  view: ProcedureView;
  onChange: () => void;
}) {
  const pt = useProcedureText();
  const { language } = useI18n();
  const user = useUser();
  const [dialog, setDialog] = useState<Dialog>();
  const isCounty = user.role === "county_admin";
  const isAssessor = user.role === "assessor";
  const mayOpen = STEP_ACTORS.rectification.includes(user.role);
  const rows = view.rectifications;
  if (rows.length === 0 && !mayOpen) return null;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="rectifications">
      <Space style={{ justifyContent: "space-between", width: "100%" }}>
        <strong>{pt("rectTitle")}</strong>
        {mayOpen && (
          <Button size="small" data-testid="rectification-new" onClick={() => setDialog({ kind: "open" })}>
            {pt("rectOpen")}
          </Button>
        )}
      </Space>
      {rows.length > 0 && (
        <Table<Rectification>
          data-testid="rectification-table"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          expandable={{
            expandedRowRender: (r) => <History code={code} rect={r} />,
          }}
          columns={[
            {
              title: pt("rectRef"),
              dataIndex: "ref",
              width: 140,
              // A failed item by its name, the id in the tooltip; a spot check's reference as it is.
              render: (ref: string) => (itemTitle(ref, language) !== ref ? <ItemNames ids={[ref]} /> : ref),
            },
            { title: pt("rectProblem"), dataIndex: "problem" },
            { title: pt("rectOwner"), dataIndex: "owner", width: 140 },
            { title: pt("rectDeadline"), dataIndex: "deadline", width: 110 },
            {
              title: pt("rectState"),
              key: "state",
              width: 200,
              render: (_, r) =>
                r.closedOn ? (
                  <Tag color="green" data-testid={`rectification-state-${r.ref}`} data-state="closed">
                    {pt("rectClosed", { date: r.closedOn })}
                  </Tag>
                ) : (
                  <Space size={4} wrap>
                    <Tag color="orange" data-testid={`rectification-state-${r.ref}`} data-state="open">
                      {pt("rectOpenState", { count: r.history.length })}
                    </Tag>
                    {r.deadline < asOf && <Tag color="red">{pt("rectOverdue")}</Tag>}
                  </Space>
                ),
            },
            {
              key: "actions",
              width: 130,
              render: (_, r) =>
                r.closedOn ? null : (
                  <Space size={4}>
                    {isCounty && (
                      <Button
                        size="small"
                        data-testid={`rectification-evidence-${r.ref}`}
                        onClick={() => setDialog({ kind: "evidence", rect: r })}
                      >
                        {pt("rectEvidence")}
                      </Button>
                    )}
                    {isAssessor && r.history.some((h) => h.kind === "evidence") && (
                      <Button
                        size="small"
                        data-testid={`rectification-reassess-${r.ref}`}
                        onClick={() => setDialog({ kind: "reassess", rect: r })}
                      >
                        {pt("rectReassess")}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      )}
      {dialog && (
        <RectificationDialog
          code={code}
          asOf={asOf}
          dialog={dialog}
          onClose={(changed) => {
            setDialog(undefined);
            if (changed) onChange();
          }}
        />
      )}
    </Space>
  );
}

function History({ code, rect }: { code: string; rect: Rectification }) {
  const pt = useProcedureText();
  return (
    <Table
      data-testid={`rectification-history-${rect.ref}`}
      rowKey={(h) => `${h.kind}-${h.date}-${h.note}`}
      size="small"
      pagination={false}
      dataSource={rect.history}
      columns={[
        { title: pt("date"), dataIndex: "date", width: 110 },
        {
          title: pt("rectHistory"),
          dataIndex: "kind",
          width: 140,
          render: (kind: string, h) => (
            <Space size={4}>
              {pt(`event.${kind}` as ProcedureTextKey)}
              {h.outcome && (
                <Tag color={h.outcome === "pass" ? "green" : "red"}>
                  {pt(`rectOutcome.${h.outcome}` as ProcedureTextKey)}
                </Tag>
              )}
            </Space>
          ),
        },
        { title: pt("note"), dataIndex: "note" },
        {
          title: pt("file"),
          dataIndex: "documentId",
          width: 90,
          render: (id: string | null) =>
            id ? (
              <a href={documentUrl(code, id)} data-testid="rectification-document">
                {pt("download")}
              </a>
            ) : null,
        },
        { title: pt("eventBy"), dataIndex: "by", width: 160 },
      ]}
    />
  );
}

type Values = {
  date: string;
  note: string;
  outcome?: "pass" | "fail";
  source?: "item" | "finding";
  ref?: string;
  problem?: string;
  owner?: string;
  workingDays?: number;
};

function RectificationDialog({
  code,
  asOf,
  dialog,
  onClose,
}: {
  code: string;
  asOf: string;
  dialog: Dialog;
  onClose: (changed: boolean) => void;
}) {
  const pt = useProcedureText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const title =
    dialog.kind === "open"
      ? pt("rectOpen")
      : pt(dialog.kind === "evidence" ? "rectEvidenceTitle" : "rectReassessTitle", { ref: dialog.rect.ref });
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (dialog.kind === "open") {
        await openRectification(code, {
          source: v.source,
          ref: v.ref,
          problem: v.problem,
          owner: v.owner,
          openedOn: v.date,
          workingDays: v.workingDays,
        });
      } else {
        // The file first: the event names the stored document.
        const documentId = file
          ? await uploadProcedureDocument(
              code,
              dialog.kind === "evidence" ? "evidence" : "other",
              file,
              v.note,
            )
          : undefined;
        await addRectificationEvent(code, dialog.rect.id, {
          kind: dialog.kind === "evidence" ? "evidence" : "reassessed",
          date: v.date,
          note: v.note,
          outcome: dialog.kind === "reassess" ? v.outcome : undefined,
          documentId,
        });
      }
      message.success(pt("saved"));
      onClose(true);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={() => onClose(false)}
      onOk={save}
      okText={pt("save")}
      cancelText={pt("cancel")}
      okButtonProps={{ loading: busy, "data-testid": "rectification-save" } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ date: asOf, outcome: "pass", source: "item", owner: "县商务局", workingDays: 20 }}
      >
        <Form.Item
          name="date"
          label={dialog.kind === "open" ? pt("rectOpenedOn") : pt("date")}
          rules={[{ required: true, pattern: DATE, message: pt("dateFormat") }]}
        >
          <Input data-testid="rectification-date" placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
        {dialog.kind === "open" && (
          <>
            <Form.Item name="source" label={pt("rectSource")}>
              <Radio.Group>
                <Radio value="item">{pt("rectSource.item")}</Radio>
                <Radio value="finding">{pt("rectSource.finding")}</Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="ref" label={pt("rectRef")} rules={[{ required: true, message: pt("required") }]}>
              <Input data-testid="rectification-ref" maxLength={60} />
            </Form.Item>
            <Form.Item
              name="problem"
              label={pt("rectProblem")}
              rules={[{ required: true, min: 2, message: pt("required") }]}
            >
              <Input.TextArea data-testid="rectification-problem" rows={2} maxLength={2000} />
            </Form.Item>
            <Space>
              <Form.Item name="owner" label={pt("rectOwner")} rules={[{ required: true, min: 2 }]}>
                <Input data-testid="rectification-owner" maxLength={200} />
              </Form.Item>
              <Form.Item name="workingDays" label={pt("rectWorkingDays")} rules={[{ required: true }]}>
                <InputNumber min={1} max={250} data-testid="rectification-working-days" />
              </Form.Item>
            </Space>
          </>
        )}
        {dialog.kind === "reassess" && (
          <Form.Item name="outcome" label={pt("rectOutcome")}>
            <Radio.Group data-testid="rectification-outcome">
              <Radio value="pass">{pt("rectOutcome.pass")}</Radio>
              <Radio value="fail">{pt("rectOutcome.fail")}</Radio>
            </Radio.Group>
          </Form.Item>
        )}
        {dialog.kind !== "open" && (
          <>
            <Form.Item
              name="note"
              label={dialog.kind === "evidence" ? pt("rectEvidenceNote") : pt("rectReassessNote")}
              rules={[{ required: true, min: 2, message: pt("required") }]}
            >
              <Input.TextArea data-testid="rectification-note" rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item label={pt("rectEvidenceFile")}>
              <Upload
                maxCount={1}
                accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
                beforeUpload={(f) => {
                  setFile(f);
                  return false;
                }}
                onRemove={() => setFile(undefined)}
              >
                <Button data-testid="rectification-file">{pt("chooseFile")}</Button>
              </Upload>
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
