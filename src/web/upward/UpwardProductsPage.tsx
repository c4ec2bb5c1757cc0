/**
 * `/counties/:code/products` — the product catalogue and incubation (rules O5, O6): the checks of
 * O5, brands (regional brand flagged), developed products, circulation standards, platform
 * listings, the survey, and the roster of incubated shops. Every roster exports to .xlsx.
 */
import {
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import type dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import {
  OWNER_CATEGORIES,
  type OwnerCategory,
  PLATFORMS,
  type Platform,
  platformLabel,
  SHOP_SERVICES,
  type ShopService,
} from "../../rules/upward";
import { ApiError } from "../api/client";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import { CheckAlert } from "./CheckAlert";
import { ExportLink } from "./ExportLink";
import {
  type Brand,
  type CirculationStandard,
  type DevelopedProduct,
  type Listing,
  type NewShop,
  type Shop,
  type Survey,
  upwardApi,
} from "./upward.api";
import { today, useL, yuan } from "./upward-text";

export default function UpwardProductsPage() {
  const { code = "" } = useParams();
  const L = useL();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "brands";
  const summary = useRequest((signal) => upwardApi.summary(code, today(), signal), [code]);
  if (summary.error) return <ErrorResult error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <PageLoading />;
  const { facts, checks } = summary.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {L("农村产品上行", "Products going up")}
      </Typography.Title>
      <CheckAlert
        title={L(
          `产品与品牌：品牌 ${facts.brands} 个（县域公共品牌 ${facts.regionalBrands} 个），单品 ${facts.developedProducts} 个，流通标准 ${facts.circulationStandards} 个，销售平台：${facts.platformsWithListings.join("、") || "无"}`,
          `Products and brands: ${facts.brands} brands (${facts.regionalBrands} regional), ${facts.developedProducts} products, ${facts.circulationStandards} standards, platforms: ${facts.platformsWithListings.join(", ") || "none"}`,
        )}
        check={checks.products}
      />
      <Typography.Text type="secondary">
        {L(
          `年交易额达 3 万元的孵化网店：${facts.incubatedShops} 个`,
          `Incubated shops with ≥ 30,000 yuan a year: ${facts.incubatedShops}`,
        )}
      </Typography.Text>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: "brands",
            label: L("品牌", "Brands"),
            children: <Brands countyCode={code} onChange={summary.reload} />,
          },
          { key: "products", label: L("开发单品", "Products"), children: <Products countyCode={code} /> },
          { key: "standards", label: L("流通标准", "Standards"), children: <Standards countyCode={code} /> },
          { key: "listings", label: L("平台销售", "Listings"), children: <Listings countyCode={code} /> },
          { key: "surveys", label: L("农产品摸底", "Survey"), children: <Surveys countyCode={code} /> },
          {
            key: "shops",
            label: L("孵化网店", "Incubated shops"),
            children: <Shops countyCode={code} onChange={summary.reload} />,
          },
        ]}
      />
    </Space>
  );
}

function useCanWrite() {
  const user = useUser();
  return user.role === "county_admin" || user.role === "province_admin";
}

function RosterFrame({
  countyCode,
  path,
  actions,
  children,
}: {
  countyCode: string;
  path: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {actions}
        <ExportLink countyCode={countyCode} path={path} />
      </Space>
      {children}
    </Space>
  );
}

function Brands({ countyCode, onChange }: { countyCode: string; onChange: () => void }) {
  const L = useL();
  const { message } = App.useApp();
  const canWrite = useCanWrite();
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; isRegional: boolean; owner: string; trademarkNo?: string }>();
  const brands = useRequest((signal) => upwardApi.roster<Brand>(countyCode, "brands", signal), [countyCode]);
  if (brands.error) return <ErrorResult error={brands.error} onRetry={brands.reload} />;
  const save = async () => {
    const values = await form.validateFields();
    try {
      await upwardApi.create(countyCode, "brands", {
        name: values.name,
        isRegional: Boolean(values.isRegional),
        owner: values.owner,
        trademarkNo: values.trademarkNo || null,
      });
      setOpen(false);
      form.resetFields();
      brands.reload();
      onChange();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <RosterFrame
      countyCode={countyCode}
      path="brands"
      actions={
        canWrite && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="brand-add">
            {L("登记品牌", "Add brand")}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={brands.isLoading}
        dataSource={brands.data?.items ?? []}
        pagination={false}
        columns={[
          { title: L("品牌", "Brand"), render: (_, b) => <DemoValue isDemo={b.isDemo}>{b.name}</DemoValue> },
          {
            title: L("县域公共品牌", "Regional"),
            render: (_, b) =>
              b.isRegional ? <Tag color="green">{L("县域公共品牌", "County regional brand")}</Tag> : null,
          },
          { title: L("所有者", "Owner"), dataIndex: "owner" },
          { title: L("商标注册号", "Trademark no."), render: (_, b) => b.trademarkNo ?? "—" },
          { title: L("注册日期", "Registered"), render: (_, b) => b.registeredOn ?? "—" },
        ]}
      />
      <Modal
        open={isOpen}
        title={L("登记品牌", "Add brand")}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={L("品牌名称", "Name")} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="owner" label={L("所有者", "Owner")} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="trademarkNo" label={L("商标注册号", "Trademark no.")} rules={[{ max: 50 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="isRegional" valuePropName="checked">
            <Checkbox>{L("县域公共品牌", "County regional brand")}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </RosterFrame>
  );
}

function Products({ countyCode }: { countyCode: string }) {
  const L = useL();
  const products = useRequest(
    (signal) =>
      Promise.all([
        upwardApi.roster<DevelopedProduct>(countyCode, "developed-products", signal),
        upwardApi.roster<Brand>(countyCode, "brands", signal),
      ]),
    [countyCode],
  );
  if (products.error) return <ErrorResult error={products.error} onRetry={products.reload} />;
  const brandName = new Map((products.data?.[1].items ?? []).map((b) => [b.id, b.name]));
  return (
    <RosterFrame countyCode={countyCode} path="developed-products">
      <Table
        rowKey="id"
        size="small"
        loading={products.isLoading}
        dataSource={products.data?.[0].items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: L("单品", "Product"),
            render: (_, p) => <DemoValue isDemo={p.isDemo}>{p.name}</DemoValue>,
          },
          { title: L("品牌", "Brand"), render: (_, p) => (p.brandId ? brandName.get(p.brandId) : "—") },
          { title: L("执行标准", "Standard"), dataIndex: "standard" },
          { title: L("包装", "Packaging"), dataIndex: "packaging" },
          { title: L("等级", "Grade"), dataIndex: "grade" },
          {
            title: L("价格（元）", "Price (yuan)"),
            align: "right",
            render: (_, p) => `${yuan(p.priceFen)} / ${p.unit}`,
          },
        ]}
      />
    </RosterFrame>
  );
}

function Standards({ countyCode }: { countyCode: string }) {
  const L = useL();
  const list = useRequest(
    (signal) => upwardApi.roster<CirculationStandard>(countyCode, "circulation-standards", signal),
    [countyCode],
  );
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <RosterFrame countyCode={countyCode} path="circulation-standards">
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: L("标准编号", "Number"),
            render: (_, s) => <DemoValue isDemo={s.isDemo}>{s.number}</DemoValue>,
          },
          { title: L("标准名称", "Title"), dataIndex: "title" },
          { title: L("发布日期", "Issued"), dataIndex: "issuedOn" },
          { title: L("文件", "Document"), dataIndex: "documentRef" },
        ]}
      />
    </RosterFrame>
  );
}

function Listings({ countyCode }: { countyCode: string }) {
  const L = useL();
  const list = useRequest(
    (signal) => upwardApi.roster<Listing>(countyCode, "platform-listings", signal),
    [countyCode],
  );
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <RosterFrame countyCode={countyCode} path="platform-listings">
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: L("平台", "Platform"), render: (_, l) => platformLabel(l.platform, l.platformName) },
          {
            title: L("店铺", "Shop"),
            render: (_, l) => (
              <DemoValue isDemo={l.isDemo}>
                <a href={l.shopUrl} target="_blank" rel="noopener noreferrer">
                  {l.shopName}
                </a>
              </DemoValue>
            ),
          },
          {
            title: L("月销售额（元）", "Monthly sales (yuan)"),
            align: "right",
            render: (_, l) => yuan(l.monthlySalesFen),
          },
          { title: L("上架日期", "Listed"), render: (_, l) => l.listedOn ?? "—" },
        ]}
      />
    </RosterFrame>
  );
}

function Surveys({ countyCode }: { countyCode: string }) {
  const L = useL();
  const list = useRequest(
    (signal) => upwardApi.roster<Survey>(countyCode, "product-surveys", signal),
    [countyCode],
  );
  if (list.error) return <ErrorResult error={list.error} onRetry={list.reload} />;
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <ExportLink countyCode={countyCode} path="product-surveys" label={L("摸底档案", "surveys")} />
        <ExportLink countyCode={countyCode} path="local-products" label={L("本地农产品", "local products")} />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: L("档案/报告", "Survey"),
            render: (_, s) => <DemoValue isDemo={s.isDemo}>{s.title}</DemoValue>,
          },
          { title: L("摸底日期", "Date"), dataIndex: "surveyedOn" },
          { title: L("存档", "Filed as"), dataIndex: "documentRef" },
        ]}
      />
    </Space>
  );
}

type ShopForm = Omit<NewShop, "openedOn" | "monthlyTransactionsFen" | "annualTransactionsFen"> & {
  openedOn: dayjs.Dayjs;
  monthlyYuan: number;
  annualYuan: number;
};

function Shops({ countyCode, onChange }: { countyCode: string; onChange: () => void }) {
  const L = useL();
  const { language } = useI18n();
  const { message } = App.useApp();
  const canWrite = useCanWrite();
  const [isOpen, setOpen] = useState(false);
  const [form] = Form.useForm<ShopForm>();
  const shops = useRequest(
    (signal) => upwardApi.roster<Shop>(countyCode, "incubated-shops", signal),
    [countyCode],
  );
  if (shops.error) return <ErrorResult error={shops.error} onRetry={shops.reload} />;
  const options = <K extends string>(o: Record<K, { zh: string; en: string }>) =>
    (Object.keys(o) as K[]).map((k) => ({ value: k, label: o[k][language] }));
  // Whole yuan in the form; the API takes fen (integers, never floats).
  const fen = (yuanValue: number) => Math.round(yuanValue) * 100;
  const save = async () => {
    const v = await form.validateFields();
    try {
      await upwardApi.create(countyCode, "incubated-shops", {
        name: v.name,
        ownerCategories: v.ownerCategories,
        platform: v.platform,
        platformName: v.platform === "other" ? v.platformName : null,
        shopUrl: v.shopUrl,
        openedOn: v.openedOn.format("YYYY-MM-DD"),
        services: v.services ?? [],
        monthlyTransactionsFen: fen(v.monthlyYuan),
        annualTransactionsFen: fen(v.annualYuan),
      });
      setOpen(false);
      form.resetFields();
      shops.reload();
      onChange();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <RosterFrame
      countyCode={countyCode}
      path="incubated-shops"
      actions={
        canWrite && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="shop-add">
            {L("登记网店", "Add shop")}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={shops.isLoading}
        dataSource={shops.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: true }}
        columns={[
          { title: L("网店", "Shop"), render: (_, s) => <DemoValue isDemo={s.isDemo}>{s.name}</DemoValue> },
          {
            title: L("开办人", "Owner"),
            render: (_, s) =>
              s.ownerCategories.map((c: OwnerCategory) => OWNER_CATEGORIES[c][language]).join("、"),
          },
          { title: L("平台", "Platform"), render: (_, s) => platformLabel(s.platform, s.platformName) },
          { title: L("开店日期", "Opened"), dataIndex: "openedOn" },
          {
            title: L("增值服务", "Services"),
            render: (_, s) => s.services.map((k: ShopService) => SHOP_SERVICES[k][language]).join("、"),
          },
          {
            title: L("年交易额（元）", "Annual (yuan)"),
            align: "right",
            render: (_, s) => yuan(s.annualTransactionsFen),
          },
          {
            title: <RuleTip rule="O6">{L("年交易额达 3 万元", "≥ 30,000 a year")}</RuleTip>,
            render: (_, s) =>
              s.isIncubated ? <Tag color="green">{L("是", "Yes")}</Tag> : <Tag>{L("否", "No")}</Tag>,
          },
        ]}
      />
      <Modal
        open={isOpen}
        title={L("登记孵化网店", "Add incubated shop")}
        onOk={save}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ platform: "taobao" as Platform, services: [] }}>
          <Form.Item name="name" label={L("网店名称", "Name")} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="ownerCategories" label={L("开办人类别", "Owner")} rules={[{ required: true }]}>
            <Select mode="multiple" options={options(OWNER_CATEGORIES)} />
          </Form.Item>
          <Form.Item name="platform" label={L("平台", "Platform")} rules={[{ required: true }]}>
            <Select options={options(PLATFORMS)} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.platform !== b.platform}>
            {({ getFieldValue }) =>
              getFieldValue("platform") === "other" && (
                <Form.Item
                  name="platformName"
                  label={L("平台名称", "Platform name")}
                  rules={[{ required: true, max: 50 }]}
                >
                  <Input />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item
            name="shopUrl"
            label={L("网店网址", "Address")}
            rules={[{ required: true, type: "url" }]}
          >
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item name="openedOn" label={L("开店日期", "Opened")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="services" label={L("提供的增值服务", "Services given")}>
            <Select mode="multiple" options={options(SHOP_SERVICES)} />
          </Form.Item>
          <Form.Item
            name="monthlyYuan"
            label={L("月交易额（元）", "Monthly (yuan)")}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="annualYuan"
            label={L("年交易额（元）", "Annual (yuan)")}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Form>
      </Modal>
    </RosterFrame>
  );
}
