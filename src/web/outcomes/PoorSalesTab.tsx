/**
 * 贫困户销售 (rule O9, acceptance D3): the county's months of registered poor households' online
 * sales — quantity, amount and income gain — with the form that enters, changes and deletes one.
 * Amounts go through the importer's own yuan parser, so the form and the workbook agree.
 */
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { yuanToFen } from "../../rules/money";
import { ApiError } from "../api/client";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { fenToYuanInput } from "../components/format";
import { useRequest } from "../components/use-request";
import { yuan } from "../upward/upward-text";
import { showSaveError } from "./form-errors";
import { outcomesApi, type PoorSale } from "./outcomes.api";
import { useOutcomesText } from "./outcomes.messages";

type SaleForm = { household: string; month: Dayjs; quantity: number; amount: string; incomeGain: string };

export function PoorSalesTab({
  countyCode,
  canWrite,
  onChange,
}: {
  countyCode: string;
  canWrite: boolean;
  onChange: () => void;
}) {
  const text = useOutcomesText();
  const { message } = App.useApp();
  // undefined: closed; null: a new month; a sale: that one.
  const [editing, setEditing] = useState<PoorSale | null>();
  const sales = useRequest((signal) => outcomesApi.poorSales(countyCode, signal), [countyCode]);
  if (sales.error) return <ErrorResult error={sales.error} onRetry={sales.reload} />;
  const items = sales.data?.items ?? [];
  const households = new Set(items.filter((s) => s.amountFen > 0).map((s) => s.household)).size;
  const changed = () => {
    sales.reload();
    onChange();
  };
  const remove = async (sale: PoorSale) => {
    try {
      await outcomesApi.deleteSale(countyCode, sale.id);
      message.success(text("deleted"));
      changed();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Typography.Text data-testid="poor-sales-total">
        {text("salesTotal", {
          households,
          amount: yuan(items.reduce((s, i) => s + i.amountFen, 0)),
          gain: yuan(items.reduce((s, i) => s + i.incomeGainFen, 0)),
        })}
      </Typography.Text>
      <Space wrap>
        {canWrite && (
          <Button type="primary" onClick={() => setEditing(null)} data-testid="sale-add">
            {text("saleAdd")}
          </Button>
        )}
        <Typography.Text type="secondary">{text("saleHint")}</Typography.Text>
      </Space>
      <Table<PoorSale>
        data-testid="poor-sales"
        size="small"
        rowKey="id"
        loading={!sales.data}
        dataSource={items}
        columns={[
          { title: text("household"), dataIndex: "household" },
          { title: text("month"), dataIndex: "month" },
          { title: text("quantity"), dataIndex: "quantity", align: "right" },
          {
            title: text("amount"),
            dataIndex: "amountFen",
            align: "right",
            render: (v: number, r) => <DemoValue isDemo={r.isDemo}>{yuan(v)}</DemoValue>,
          },
          { title: text("incomeGain"), dataIndex: "incomeGainFen", align: "right", render: yuan },
          ...(canWrite
            ? [
                {
                  key: "actions",
                  title: text("actions"),
                  render: (_: unknown, r: PoorSale) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="sale-edit">
                        {text("edit")}
                      </Button>
                      <Popconfirm
                        title={text("confirmDelete")}
                        onConfirm={() => remove(r)}
                        okText={text("delete")}
                        cancelText={text("cancel")}
                      >
                        <Button type="link" size="small" danger data-testid="sale-delete">
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
        <SaleModal
          countyCode={countyCode}
          sale={editing ?? undefined}
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

function SaleModal({
  countyCode,
  sale,
  onClose,
  onSaved,
}: {
  countyCode: string;
  sale?: PoorSale;
  onClose: () => void;
  onSaved: () => void;
}) {
  const text = useOutcomesText();
  const { language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SaleForm>();
  const [isSaving, setSaving] = useState(false);
  const [initialValues] = useState<Partial<SaleForm>>(() =>
    sale
      ? {
          household: sale.household,
          month: dayjs(`${sale.month}-01`),
          quantity: sale.quantity,
          amount: fenToYuanInput(sale.amountFen),
          incomeGain: fenToYuanInput(sale.incomeGainFen),
        }
      : { quantity: 0 },
  );
  const fen = (value: string) => {
    const result = yuanToFen(String(value ?? ""));
    if (!result.ok) throw new Error(result.reason[language]);
    return result.value;
  };
  // The importer's own yuan parser; an empty field is the required rule's to report.
  const yuanRule = {
    validator: async (_: unknown, value: string) => {
      if (value) fen(value);
    },
  };
  const save = async () => {
    const v = await form.validateFields();
    const household = v.household.trim();
    const body = {
      // A household left as shown stays (a masked ID-card number cannot be typed back).
      household: sale && household === sale.household ? undefined : household,
      month: v.month.format("YYYY-MM"),
      quantity: v.quantity,
      amountFen: fen(v.amount),
      incomeGainFen: fen(v.incomeGain),
    };
    setSaving(true);
    try {
      if (sale) await outcomesApi.updateSale(countyCode, sale.id, body);
      else await outcomesApi.createSale(countyCode, body);
      message.success(text("saved"));
      onSaved();
    } catch (error) {
      // The server's fields are named as the API's: amountFen → amount, incomeGainFen → incomeGain.
      showSaveError(form, message, error, ["household", "month", "quantity"]);
    } finally {
      setSaving(false);
    }
  };
  const required = { required: true, message: text("required") };
  return (
    <Modal
      open
      title={text(sale ? "saleFormEdit" : "saleFormAdd")}
      onOk={save}
      onCancel={onClose}
      okText={text("save")}
      cancelText={text("cancel")}
      confirmLoading={isSaving}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} data-testid="sale-form">
        <Form.Item
          name="household"
          label={text("household")}
          extra={text("householdHelp")}
          rules={[required, { max: 64, message: text("tooLong", { max: 64 }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="month" label={text("month")} rules={[required]}>
          <DatePicker picker="month" format="YYYY-MM" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="quantity" label={text("quantity")} rules={[required]}>
          <InputNumber min={0} max={100_000_000} precision={0} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="amount" label={text("amount")} rules={[required, yuanRule]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="incomeGain" label={text("incomeGain")} rules={[required, yuanRule]}>
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
