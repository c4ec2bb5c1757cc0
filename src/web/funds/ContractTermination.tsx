/**
 * Replacing a contractor that cannot operate (rule K2), on the contract's row of the funds page:
 * the termination (reason, evidence, decision, what is to be handed over), the replacement tender
 * and contract, and the handover checklist, each item checked off by the county. Checking a station,
 * account or ingest-token item moves them to the new contractor at once; new tokens show once.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import {
  checkHandoverItem,
  contractorOrganizations,
  documentUrl,
  HANDOVER_KINDS,
  type HandoverEffects,
  type HandoverKind,
  linkReplacement,
  registerContractor,
  type Termination,
  terminateContract,
  uploadProcedureDocument,
} from "../acceptance/procedure.api";
import { type ProcedureTextKey, useProcedureText } from "../acceptance/procedure.messages";
import { useRequest } from "../components/use-request";
import { fetchStations } from "../network/network.api";
import type { Contract, Tender } from "./funds.api";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The county's contractor organizations, with an inline form to register one not yet known. */
function OrganizationSelect({
  code,
  value,
  onChange,
  testId,
}: {
  code: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId: string;
}) {
  const pt = useProcedureText();
  const { message } = App.useApp();
  const orgs = useRequest((signal) => contractorOrganizations(signal), []);
  const [name, setName] = useState("");
  const register = async () => {
    try {
      const { id } = await registerContractor(name.trim(), code);
      message.success(pt("orgCreated"));
      setName("");
      orgs.reload();
      onChange?.(id);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Space wrap>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        style={{ width: 280 }}
        placeholder={pt("orgPlaceholder")}
        data-testid={testId}
        value={value}
        onChange={(id) => onChange?.(id)}
        options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
      />
      <Input
        style={{ width: 200 }}
        placeholder={pt("orgNewName")}
        value={name}
        data-testid={`${testId}-new-name`}
        onChange={(e) => setName(e.target.value)}
      />
      <Button disabled={name.trim().length < 2} onClick={register} data-testid={`${testId}-new`}>
        {pt("orgNew")}
      </Button>
    </Space>
  );
}

type TerminationValues = {
  terminatedOn: string;
  reason: string;
  decision: string;
  contractorOrgId?: string;
  handover: { kind: HandoverKind; description: string; stationNos?: string[] }[];
};

/** The county terminates a contract: reason, decision, evidence, the outgoing contractor, the checklist. */
export function TerminationModal({
  code,
  contract,
  today,
  onClose,
}: {
  code: string;
  contract: Contract;
  today: string;
  onClose: (changed: boolean) => void;
}) {
  const pt = useProcedureText();
  const { message } = App.useApp();
  const [form] = Form.useForm<TerminationValues>();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const stations = useRequest((signal) => fetchStations(code, signal), [code]);
  const items = Form.useWatch("handover", form) ?? [];
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const evidenceDocumentId = file ? await uploadProcedureDocument(code, "decision", file) : undefined;
      await terminateContract(code, contract.id, {
        terminatedOn: v.terminatedOn,
        reason: v.reason,
        decision: v.decision,
        evidenceDocumentId,
        contractorOrgId: v.contractorOrgId ?? null,
        handover: v.handover.map((h) => ({
          kind: h.kind,
          description: h.description,
          ...(h.kind === "station" && h.stationNos?.length ? { stationNos: h.stationNos } : {}),
        })),
      });
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
      width={860}
      title={pt("terminateTitle", { contract: `${contract.contractNo} ${contract.title}` })}
      onCancel={() => onClose(false)}
      onOk={save}
      okText={pt("terminate")}
      cancelText={pt("cancel")}
      okButtonProps={{ danger: true, loading: busy, "data-testid": "termination-save" } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          terminatedOn: today,
          contractorOrgId: contract.contractorOrgId ?? undefined,
          handover: HANDOVER_KINDS.map((kind) => ({ kind, description: pt(`handoverKind.${kind}`) })),
        }}
      >
        <Form.Item
          name="terminatedOn"
          label={pt("terminatedOn")}
          rules={[{ required: true, pattern: DATE, message: pt("dateFormat") }]}
        >
          <Input data-testid="termination-date" placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={pt("terminateReason")}
          rules={[{ required: true, min: 2, message: pt("required") }]}
        >
          <Input.TextArea data-testid="termination-reason" rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="decision"
          label={pt("terminateDecision")}
          rules={[{ required: true, min: 2, message: pt("required") }]}
        >
          <Input.TextArea data-testid="termination-decision" rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item label={pt("terminateEvidence")}>
          <Upload
            maxCount={1}
            accept=".pdf,.doc,.docx,.jpg,.jpeg,.png"
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button data-testid="termination-file">{pt("chooseFile")}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="contractorOrgId" label={pt("fromOrg")}>
          <OrganizationSelect code={code} testId="termination-from-org" />
        </Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={pt("handoverMoveHint")} />
        <strong>{pt("handoverItems")}</strong>
        <Form.List name="handover">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: "100%", marginTop: 8 }}>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="start" data-testid={`handover-row-${i}`}>
                  <Form.Item name={[field.name, "kind"]} noStyle>
                    <Select
                      style={{ width: 250 }}
                      options={HANDOVER_KINDS.map((k) => ({ value: k, label: pt(`handoverKind.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "description"]}
                    noStyle
                    rules={[{ required: true, message: pt("required") }]}
                  >
                    <Input style={{ width: 240 }} placeholder={pt("handoverDescription")} maxLength={500} />
                  </Form.Item>
                  {items[i]?.kind === "station" && (
                    <Form.Item name={[field.name, "stationNos"]} noStyle>
                      <Select
                        mode="multiple"
                        allowClear
                        style={{ width: 260 }}
                        data-testid="termination-stations"
                        placeholder={pt("handoverStationsDefault")}
                        options={(stations.data?.items ?? []).map((s) => ({
                          value: s.stationNo,
                          label: `${s.stationNo} ${s.name || s.villageName || ""}`,
                        }))}
                      />
                    </Form.Item>
                  )}
                  <Button icon={<DeleteOutlined />} aria-label="remove" onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: "data", description: "" })}>
                {pt("handoverAdd")}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** One line per thing an item moved: "站点 A、B；站点管理员账号 c". */
function describeEffects(effects: HandoverEffects | null, pt: ReturnType<typeof useProcedureText>) {
  if (!effects) return "";
  const parts: string[] = [];
  const add = (key: keyof HandoverEffects, list: string[]) => {
    if (list.length) parts.push(pt(`effects.${key}` as ProcedureTextKey, { list: list.join("、") }));
  };
  add("stations", effects.stations ?? []);
  add("stationAccounts", effects.stationAccounts ?? []);
  add("accountsEnded", effects.accountsEnded ?? []);
  add(
    "tokensRevoked",
    (effects.tokensRevoked ?? []).map((t) => `${t.name}（…${t.hint}）`),
  );
  add(
    "tokensIssued",
    (effects.tokensIssued ?? []).map((t) => `${t.name}（…${t.hint}）`),
  );
  return parts.length ? parts.join("；") : pt("effectsNone");
}

/** A terminated contract's replacement and handover checklist, in its expanded row. */
export function TerminationPanel({
  code,
  termination,
  contracts,
  tenders,
  mayAct,
  today,
  onChange,
}: {
  code: string;
  termination: Termination;
  contracts: Contract[];
  tenders: Tender[];
  mayAct: boolean;
  today: string;
  onChange: () => void;
}) {
  const pt = useProcedureText();
  const { message } = App.useApp();
  const [checking, setChecking] = useState<Termination["handover"][number]>();
  const [issued, setIssued] = useState<{ id: string; name: string; token: string }[]>([]);
  const [link, setLink] = useState<{ tenderId?: string; contractId?: string; orgId?: string }>({});
  const [busy, setBusy] = useState(false);
  const replacement = contracts.find((c) => c.id === termination.replacementContractId);
  const awarded = tenders.filter(
    (t) => t.status === "awarded" && (t.announcedOn ?? "") >= termination.terminatedOn,
  );
  const saveLink = async () => {
    setBusy(true);
    try {
      await linkReplacement(code, termination.id, {
        tenderId: link.tenderId,
        contractId: link.contractId,
        contractorOrgId: link.orgId ?? null,
      });
      message.success(pt("saved"));
      onChange();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space
      orientation="vertical"
      style={{ width: "100%" }}
      data-testid={`termination-${termination.contractId}`}
    >
      <Typography.Text strong>{pt("terminationTitle")}</Typography.Text>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={pt("terminatedOn")}>{termination.terminatedOn}</Descriptions.Item>
        <Descriptions.Item label={pt("fromOrg")}>
          {termination.fromOrganization?.name ?? "—"}
        </Descriptions.Item>
        <Descriptions.Item label={pt("terminateReason")}>{termination.reason}</Descriptions.Item>
        <Descriptions.Item label={pt("terminateDecision")}>
          <Space>
            {termination.decision}
            {termination.evidenceDocumentId && (
              <a href={documentUrl(code, termination.evidenceDocumentId)}>{pt("download")}</a>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={pt("replacement")} span={2}>
          {replacement ? (
            <span data-testid="termination-replacement">
              {pt("replacementLinked", {
                contract: `${replacement.contractNo} ${replacement.contractorName}`,
                org: termination.toOrganization?.name ?? "—",
              })}
            </span>
          ) : (
            <Typography.Text type="warning">{pt("replacementMissing")}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      {!replacement && mayAct && (
        <Space wrap data-testid="replacement-form">
          <Select
            style={{ width: 260 }}
            placeholder={pt("replacementTender")}
            data-testid="replacement-tender"
            value={link.tenderId}
            onChange={(tenderId) => setLink((l) => ({ ...l, tenderId, contractId: undefined }))}
            options={awarded.map((t) => ({ value: t.id, label: `${t.tenderNo} ${t.title}` }))}
          />
          <Select
            style={{ width: 260 }}
            placeholder={pt("replacementContract")}
            data-testid="replacement-contract"
            value={link.contractId}
            onChange={(contractId) => {
              const c = contracts.find((x) => x.id === contractId);
              setLink((l) => ({ ...l, contractId, orgId: c?.contractorOrgId ?? l.orgId }));
            }}
            options={contracts
              .filter((c) => c.tenderId && c.tenderId === link.tenderId)
              .map((c) => ({ value: c.id, label: `${c.contractNo} ${c.contractorName}` }))}
          />
          <OrganizationSelect
            code={code}
            testId="replacement-to-org"
            value={link.orgId}
            onChange={(orgId) => setLink((l) => ({ ...l, orgId }))}
          />
          <Button
            type="primary"
            loading={busy}
            disabled={!link.tenderId || !link.contractId}
            onClick={saveLink}
            data-testid="replacement-save"
          >
            {pt("replacementLink")}
          </Button>
        </Space>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        data-testid="handover-checklist"
        title={() => (
          <Space>
            {pt("handoverItems")}
            {termination.handoverDone && <Tag color="green">{pt("handoverDone")}</Tag>}
          </Space>
        )}
        dataSource={termination.handover}
        columns={[
          {
            title: pt("handoverKind"),
            dataIndex: "kind",
            width: 200,
            render: (k: HandoverKind) => pt(`handoverKind.${k}`),
          },
          {
            title: pt("handoverDescription"),
            key: "description",
            render: (_, h) => (
              <Space orientation="vertical" size={0}>
                {h.description}
                {h.stationNos.length > 0 && (
                  <Typography.Text type="secondary">
                    {pt("handoverStations")}：{h.stationNos.join("、")}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: pt("rectState"),
            key: "state",
            width: 220,
            render: (_, h) =>
              h.checkedOn ? (
                <Tag color="green" data-testid={`handover-state-${h.kind}`} data-state="checked">
                  {pt("checked", { date: h.checkedOn, by: h.checkedBy ?? "" })}
                </Tag>
              ) : (
                <Tag data-testid={`handover-state-${h.kind}`} data-state="pending">
                  {pt("unchecked")}
                </Tag>
              ),
          },
          {
            title: pt("effects"),
            key: "effects",
            render: (_, h) => (
              <span data-testid={`handover-effects-${h.kind}`}>
                {describeEffects(h.effects, pt)}
                {h.note ? `${h.effects ? "；" : ""}${h.note}` : ""}
              </span>
            ),
          },
          {
            key: "action",
            width: 100,
            render: (_, h) =>
              mayAct &&
              !h.checkedOn &&
              replacement && (
                <Button size="small" data-testid={`handover-check-${h.kind}`} onClick={() => setChecking(h)}>
                  {pt("check")}
                </Button>
              ),
          },
        ]}
      />
      {checking && (
        <CheckModal
          code={code}
          item={checking}
          today={today}
          onClose={(tokens) => {
            setChecking(undefined);
            if (tokens) {
              if (tokens.length) setIssued(tokens);
              onChange();
            }
          }}
        />
      )}
      {issued.length > 0 && (
        <Modal
          open
          title={pt("tokensTitle")}
          footer={null}
          onCancel={() => setIssued([])}
          data-testid="issued-tokens"
        >
          <Alert type="warning" showIcon title={pt("tokensHint")} style={{ marginBottom: 12 }} />
          {issued.map((t) => (
            <div key={t.id} style={{ marginBottom: 8 }}>
              <div>{t.name}</div>
              <Typography.Text code copyable data-testid="issued-token">
                {t.token}
              </Typography.Text>
            </div>
          ))}
        </Modal>
      )}
    </Space>
  );
}

function CheckModal({
  code,
  item,
  today,
  onClose,
}: {
  code: string;
  item: Termination["handover"][number];
  today: string;
  /** The new tokens on a save (maybe none); undefined when cancelled. */
  onClose: (tokens?: { id: string; name: string; token: string }[]) => void;
}) {
  const pt = useProcedureText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ checkedOn: string; note: string }>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const result = await checkHandoverItem(code, item.id, { checkedOn: v.checkedOn, note: v.note ?? "" });
      message.success(pt("saved"));
      onClose(result.issuedTokens);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={pt("checkTitle", { item: `${pt(`handoverKind.${item.kind}`)} ${item.description}` })}
      onCancel={() => onClose()}
      onOk={save}
      okText={pt("check")}
      cancelText={pt("cancel")}
      okButtonProps={{ loading: busy, "data-testid": "handover-check-save" } as never}
    >
      <Form form={form} layout="vertical" initialValues={{ checkedOn: today, note: "" }}>
        {(item.kind === "station" || item.kind === "account" || item.kind === "ingest_token") && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={pt("handoverMoveHint")} />
        )}
        <Form.Item
          name="checkedOn"
          label={pt("checkedOn")}
          rules={[{ required: true, pattern: DATE, message: pt("dateFormat") }]}
        >
          <Input data-testid="handover-check-date" placeholder="YYYY-MM-DD" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label={pt("checkNote")}>
          <Input.TextArea data-testid="handover-check-note" rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
