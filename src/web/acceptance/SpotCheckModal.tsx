/**
 * The province's spot check (抽查, rule K1) of a county whose filing it approved: the stations and
 * facilities it sampled, what it found on site with photos (uploaded as the procedure's documents),
 * and which findings it confirmed; each confirmed finding opens a rectification by itself.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Upload } from "antd";
import type { RcFile } from "antd/es/upload";
import { useRef, useState } from "react";
import { spotCheck, uploadProcedureDocument } from "./procedure.api";
import { useProcedureText } from "./procedure.messages";

type Site = { kind: "station" | "facility"; ref: string; finding?: string; confirmed?: boolean };
type Values = { date: string; owner: string; workingDays: number; sites: Site[] };

export function SpotCheckModal({
  code,
  asOf,
  onClose,
}: {
  code: string;
  asOf: string;
  onClose: (changed: boolean) => void;
}) {
  const pt = useProcedureText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Photos per site, by the Form.List field's key (stable while sites are added and removed).
  const [photos, setPhotos] = useState<Record<number, RcFile[]>>({});
  const [busy, setBusy] = useState(false);
  // The Form.List key of each site row, in order, as last rendered.
  const siteKeys = useRef<number[]>([]);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const keys = siteKeys.current;
      const sites = [];
      for (const [i, site] of v.sites.entries()) {
        const files = photos[keys[i] ?? -1] ?? [];
        const photoDocumentIds: string[] = [];
        for (const f of files) {
          photoDocumentIds.push(await uploadProcedureDocument(code, "photo", f, `${site.ref} ${f.name}`));
        }
        sites.push({
          kind: site.kind,
          ref: site.ref,
          finding: site.finding ?? "",
          confirmed: !!site.confirmed,
          photoDocumentIds,
        });
      }
      const result = await spotCheck(code, {
        date: v.date,
        owner: v.owner,
        workingDays: v.workingDays,
        sites,
      });
      message.success(pt("spotDone", { count: result.rectificationIds.length }));
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
      title={pt("spotTitle")}
      onCancel={() => onClose(false)}
      onOk={save}
      okText={pt("save")}
      cancelText={pt("cancel")}
      okButtonProps={{ loading: busy, "data-testid": "spot-check-save" } as never}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          date: asOf,
          owner: "县商务局",
          workingDays: 20,
          sites: [{ kind: "station", ref: "", finding: "", confirmed: false }],
        }}
      >
        <Space wrap>
          <Form.Item
            name="date"
            label={pt("date")}
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: pt("dateFormat") }]}
          >
            <Input data-testid="spot-check-date" placeholder="YYYY-MM-DD" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="owner" label={pt("spotOwner")} rules={[{ required: true }]}>
            <Input data-testid="spot-check-owner" maxLength={200} />
          </Form.Item>
          <Form.Item name="workingDays" label={pt("spotWorkingDays")} rules={[{ required: true }]}>
            <InputNumber min={1} max={250} />
          </Form.Item>
        </Space>
        <Form.List name="sites">
          {(fields, { add, remove }) => {
            // Remember which Form.List key each row has, so the save finds each row's photos.
            siteKeys.current = fields.map((f) => f.key);
            return (
              <Space orientation="vertical" style={{ width: "100%" }}>
                <strong>{pt("spotSites")}</strong>
                {fields.map((field, i) => (
                  <Space key={field.key} wrap align="start" data-testid={`spot-check-site-${i}`}>
                    <Form.Item name={[field.name, "kind"]} label={pt("spotKind")}>
                      <Select
                        style={{ width: 120 }}
                        options={(["station", "facility"] as const).map((k) => ({
                          value: k,
                          label: pt(`spotKind.${k}`),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, "ref"]}
                      label={pt("spotRef")}
                      rules={[{ required: true, message: pt("required") }]}
                    >
                      <Input data-testid={`spot-check-ref-${i}`} maxLength={60} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, "finding"]} label={pt("spotFinding")}>
                      <Input.TextArea
                        data-testid={`spot-check-finding-${i}`}
                        rows={1}
                        maxLength={2000}
                        style={{ width: 220 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, "confirmed"]} valuePropName="checked" label=" ">
                      <Checkbox data-testid={`spot-check-confirmed-${i}`}>{pt("spotConfirmed")}</Checkbox>
                    </Form.Item>
                    <Form.Item label={pt("spotPhotos")}>
                      <Upload
                        multiple
                        accept=".jpg,.jpeg,.png,.pdf"
                        beforeUpload={(f) => {
                          setPhotos((p) => ({ ...p, [field.key]: [...(p[field.key] ?? []), f] }));
                          return false;
                        }}
                        onRemove={(f) =>
                          setPhotos((p) => ({
                            ...p,
                            [field.key]: (p[field.key] ?? []).filter((x) => x.uid !== f.uid),
                          }))
                        }
                      >
                        <Button data-testid={`spot-check-photo-${i}`}>{pt("chooseFile")}</Button>
                      </Upload>
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label="remove"
                        style={{ marginTop: 30 }}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  data-testid="spot-check-add-site"
                  onClick={() => add({ kind: "station", ref: "", finding: "", confirmed: false })}
                >
                  {pt("spotAddSite")}
                </Button>
              </Space>
            );
          }}
        </Form.List>
      </Form>
    </Modal>
  );
}
