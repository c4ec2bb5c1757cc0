/**
 * The acceptance procedure of a county (K1) as a timeline of its nine steps, the step the signed-in
 * account may take now (contractor applies, county commissions and files, city and province
 * review), and the history of steps and rectifications.
 */
import { Alert, App, Button, Card, Form, Input, Radio, Space, Steps, Table, Tag } from "antd";
import { useState } from "react";
import { type ProcedureStep, STEP_ACTORS, STEP_NAMES } from "../../rules/acceptance/procedure";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { useRequest } from "../components/use-request";
import { fetchProcedure, type ProcedureView, takeStep, uploadProcedureDocument } from "./procedure.api";
import { useProcedureText } from "./procedure.messages";
import { RectificationsSection } from "./RectificationsSection";
import { SpotCheckModal } from "./SpotCheckModal";

const STATUS_TEXT = {
  done: { zh: "已完成", en: "Done" },
  open: { zh: "办理中", en: "Open" },
  not_started: { zh: "未开始", en: "Not started" },
  "n/a": { zh: "不适用", en: "N/A" },
};

/** The form fields of each step a person takes here; the assessment is the scorecard's signature. */
const FORMS: Partial<Record<ProcedureStep, { path: string; files?: [kind: string, zh: string][] }>> = {
  application: { path: "application" },
  commission: { path: "commission", files: [["qualification", "评估机构资质文件"]] },
  filing: {
    path: "filing",
    files: [
      ["acceptance_report", "验收报告"],
      ["audit_report", "资金审计报告"],
    ],
  },
  city_review: { path: "city-review" },
  province_review: { path: "province-review" },
};

export function ProcedureCard({
  code,
  asOf,
  onChange,
}: {
  code: string;
  asOf: string;
  onChange: () => void;
}) {
  const { language } = useI18n();
  const zh = language === "zh";
  const user = useUser();
  const pt = useProcedureText();
  const view = useRequest((signal) => fetchProcedure(code, asOf, signal), [code, asOf]);
  const [isSpotChecking, setSpotChecking] = useState(false);
  if (!view.data) return null;
  const reload = () => {
    view.reload();
    onChange();
  };
  const entries = view.data.procedure;
  const current = entries.findIndex((e) => e.status === "open");
  // The step waiting for someone: an open one, or the application nobody has made yet.
  const waiting = (e: (typeof entries)[number]) =>
    e.status === "open" || (e.step === "application" && e.status === "not_started");
  const mine = entries.find(
    (e) =>
      waiting(e) &&
      FORMS[e.step as ProcedureStep] &&
      STEP_ACTORS[e.step as ProcedureStep].includes(user.role),
  );
  const returned = returnedFiling(view.data, asOf);
  // The province samples counties whose filing it approved (K1); one may take several spot checks.
  const maySpotCheck =
    STEP_ACTORS.spot_check.includes(user.role) &&
    entries.find((e) => e.step === "province_review")?.status === "done";
  return (
    <Card
      data-testid="procedure-card"
      title={zh ? "验收程序" : "Acceptance procedure"}
      extra={
        maySpotCheck && (
          <Button data-testid="spot-check-new" onClick={() => setSpotChecking(true)}>
            {pt("spotButton")}
          </Button>
        )
      }
    >
      <Steps
        data-testid="procedure-steps"
        size="small"
        labelPlacement="vertical"
        current={current < 0 ? entries.length : current}
        items={entries.map((e) => ({
          title: STEP_NAMES[e.step as ProcedureStep][language],
          status: e.status === "done" ? "finish" : e.status === "open" ? "process" : "wait",
          description: (
            <span data-testid={`procedure-${e.step}`} data-status={e.status}>
              {STATUS_TEXT[e.status][language]}
              {e.date ? ` ${e.date}` : ""}
            </span>
          ),
        }))}
      />
      {returned && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="procedure-returned"
          title={pt("returnedTitle", {
            who: pt(returned.step === "city_review" ? "returnedCity" : "returnedProvince"),
            date: returned.date,
          })}
          description={
            <>
              <div data-testid="procedure-returned-reasons">
                {pt("returnedReasons", { reasons: String(returned.details.reasons ?? "") })}
              </div>
              <div>{pt("returnedHint")}</div>
            </>
          }
        />
      )}
      {mine && <StepForm code={code} step={mine.step as ProcedureStep} onDone={reload} />}
      <History view={view.data} zh={zh} />
      <div style={{ marginTop: 16 }}>
        <RectificationsSection code={code} asOf={asOf} view={view.data} onChange={reload} />
      </div>
      {isSpotChecking && (
        <SpotCheckModal
          code={code}
          asOf={asOf}
          onClose={(changed) => {
            setSpotChecking(false);
            if (changed) reload();
          }}
        />
      )}
    </Card>
  );
}

/** The review that sent the latest filing back, as of the page's date; undefined once refiled. */
function returnedFiling(view: ProcedureView, asOf: string) {
  const last = view.steps
    .filter((s) => s.date <= asOf && ["filing", "city_review", "province_review"].includes(s.step))
    .at(-1);
  return last && last.action === "returned" ? last : undefined;
}

function StepForm({ code, step, onDone }: { code: string; step: ProcedureStep; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Record<string, File>>({});
  const form = FORMS[step]!;
  const review = step === "city_review" || step === "province_review";
  const submit = async (values: Record<string, string>) => {
    setBusy(true);
    try {
      const documentIds: string[] = [];
      for (const [kind] of form.files ?? []) {
        const file = files[kind];
        if (file) documentIds.push(await uploadProcedureDocument(code, kind, file));
      }
      await takeStep(code, form.path, { ...values, documentIds });
      message.success("已提交");
      onDone();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      data-testid={`procedure-form-${step}`}
      layout="inline"
      style={{ marginTop: 16, rowGap: 8 }}
      onFinish={submit}
      initialValues={review ? { decision: "approved" } : {}}
    >
      <Form.Item label="日期" name="date" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
        <Input data-testid="procedure-date" placeholder="YYYY-MM-DD" style={{ width: 130 }} />
      </Form.Item>
      {step === "application" && (
        <Form.Item label="说明" name="note">
          <Input data-testid="procedure-note" style={{ width: 260 }} />
        </Form.Item>
      )}
      {step === "commission" && (
        <>
          <Form.Item label="评估机构" name="agency" rules={[{ required: true }]}>
            <Input data-testid="procedure-agency" />
          </Form.Item>
          <Form.Item label="资质" name="qualification" rules={[{ required: true }]}>
            <Input data-testid="procedure-qualification" />
          </Form.Item>
        </>
      )}
      {step === "filing" && (
        <>
          <Form.Item label="审计机构" name="auditFirm" rules={[{ required: true }]}>
            <Input data-testid="procedure-audit-firm" />
          </Form.Item>
          <Form.Item label="审计结论" name="auditConclusion" rules={[{ required: true }]}>
            <Input data-testid="procedure-audit-conclusion" />
          </Form.Item>
        </>
      )}
      {review && (
        <>
          <Form.Item name="decision">
            <Radio.Group>
              <Radio value="approved">同意</Radio>
              <Radio value="returned">退回</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label="理由" name="reasons">
            <Input data-testid="procedure-reasons" style={{ width: 260 }} />
          </Form.Item>
        </>
      )}
      {(form.files ?? []).map(([kind, label]) => (
        <Form.Item key={kind} label={label}>
          <input
            type="file"
            accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
            data-testid={`procedure-file-${kind}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) setFiles((f) => ({ ...f, [kind]: file }));
            }}
          />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="procedure-submit">
        {STEP_NAMES[step].zh}
      </Button>
    </Form>
  );
}

function History({ view, zh }: { view: ProcedureView; zh: boolean }) {
  return (
    <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
      <Table
        data-testid="procedure-history"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={view.steps}
        columns={[
          { title: zh ? "日期" : "Date", dataIndex: "date", width: 110 },
          {
            title: zh ? "环节" : "Step",
            dataIndex: "step",
            render: (s: string, r) => (
              <Space>
                {STEP_NAMES[s as ProcedureStep]?.[zh ? "zh" : "en"] ?? s}
                {r.action === "returned" && <Tag color="red">{zh ? "退回" : "Returned"}</Tag>}
                {r.action === "approved" && <Tag color="green">{zh ? "同意" : "Approved"}</Tag>}
              </Space>
            ),
          },
          {
            title: zh ? "内容" : "Details",
            dataIndex: "details",
            render: (d: Record<string, unknown>) =>
              Object.values(d)
                .filter((v) => typeof v === "string" && v)
                .join("；"),
          },
          { title: zh ? "办理人" : "By", dataIndex: "actedBy", width: 180 },
        ]}
      />
    </Space>
  );
}
