/**
 * 站点管理员账号: the county (or its contractor) opens an account for a station's manager and shows
 * the QR code that signs the phone in; a lost phone is revoked here, which ends its sessions.
 */
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { ApiError } from "../api/client";
import { useRequest } from "../components/use-request";
import { fetchStations } from "../network/network.api";
import {
  createStationAccount,
  fetchStationAccounts,
  newSignInLink,
  revokeStationAccount,
  type SignInLink,
  type StationAccount,
} from "./station-accounts.api";

type NewAccount = { stationId: string; username: string; displayName: string };

export default function StationAccountsCard({ countyCode, zh }: { countyCode: string; zh: boolean }) {
  const { message } = App.useApp();
  const accounts = useRequest((signal) => fetchStationAccounts(countyCode, signal), [countyCode]);
  const stations = useRequest((signal) => fetchStations(countyCode, signal), [countyCode]);
  const [link, setLink] = useState<SignInLink | undefined>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewAccount>();

  const fail = (error: unknown) => message.error(error instanceof ApiError ? error.message : String(error));
  const create = async (values: NewAccount) => {
    setBusy(true);
    try {
      setLink(await createStationAccount(countyCode, values));
      form.resetFields();
      accounts.reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (account: StationAccount) => {
    try {
      await revokeStationAccount(countyCode, account.id);
      message.success(zh ? `已注销 ${account.username}，其手机已退出登录` : `${account.username} revoked`);
      accounts.reload();
    } catch (error) {
      fail(error);
    }
  };

  const columns = [
    { title: zh ? "用户名" : "Username", dataIndex: "username", key: "username" },
    { title: zh ? "姓名" : "Name", dataIndex: "displayName", key: "displayName" },
    {
      title: zh ? "站点" : "Station",
      key: "station",
      render: (a: StationAccount) => `${a.stationNo} ${a.stationName}`,
    },
    {
      title: zh ? "状态" : "Status",
      key: "status",
      render: (a: StationAccount) =>
        a.revokedAt ? (
          <Tag color="default">{zh ? `已注销 ${a.revokedAt.slice(0, 10)}` : "Revoked"}</Tag>
        ) : (
          <Tag color="green">{zh ? `有效 · ${a.sessions} 部手机在线` : `Active · ${a.sessions} phones`}</Tag>
        ),
    },
    {
      title: zh ? "操作" : "Actions",
      key: "actions",
      render: (a: StationAccount) =>
        a.revokedAt ? null : (
          <Space>
            <Button
              size="small"
              data-testid="station-account-qr"
              onClick={async () => {
                try {
                  setLink(await newSignInLink(countyCode, a.id));
                } catch (error) {
                  fail(error);
                }
              }}
            >
              {zh ? "登录二维码" : "QR code"}
            </Button>
            <Popconfirm
              title={zh ? "注销后这部手机立即退出，不能再同步。确定注销？" : "Revoke this account?"}
              okText={zh ? "注销" : "Revoke"}
              cancelText={zh ? "取消" : "Cancel"}
              onConfirm={() => revoke(a)}
            >
              <Button size="small" danger data-testid="station-account-revoke">
                {zh ? "注销（手机丢失）" : "Revoke (lost phone)"}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title={zh ? "站点管理员账号（手机扫码登录）" : "Station manager accounts"}
      data-testid="station-accounts"
    >
      <Form form={form} layout="inline" onFinish={create} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item
          name="stationId"
          rules={[{ required: true, message: zh ? "请选择站点" : "Pick a station" }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            placeholder={zh ? "选择站点" : "Station"}
            data-testid="station-account-station"
            options={(stations.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.stationNo} ${s.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="username"
          rules={[
            {
              required: true,
              pattern: /^[A-Za-z0-9_.-]{3,40}$/,
              message: zh ? "3–40位字母、数字或 _.-" : "3–40 letters",
            },
          ]}
        >
          <Input placeholder={zh ? "用户名" : "Username"} data-testid="station-account-username" />
        </Form.Item>
        <Form.Item name="displayName" rules={[{ required: true, message: zh ? "请填写姓名" : "Name" }]}>
          <Input placeholder={zh ? "站长姓名" : "Manager's name"} data-testid="station-account-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="station-account-create">
          {zh ? "开设账号并生成二维码" : "Create and show QR code"}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        loading={accounts.isLoading}
        dataSource={accounts.data?.accounts ?? []}
        columns={columns}
        pagination={{ pageSize: 10 }}
      />
      <Modal
        open={!!link}
        title={zh ? `${link?.account.displayName ?? ""} 的登录二维码` : "Sign-in QR code"}
        onCancel={() => setLink(undefined)}
        footer={null}
      >
        {link && (
          <div style={{ textAlign: "center" }} data-testid="station-account-link">
            <img src={link.qrDataUrl} alt={zh ? "登录二维码" : "QR code"} width={280} height={280} />
            <Typography.Paragraph>
              {zh
                ? `请站长用手机扫码登录（${link.account.stationNo} ${link.account.stationName}）。二维码只能用一次，${link.expiresAt.slice(0, 16).replace("T", " ")} 前有效。`
                : `Scan once with the station's phone before ${link.expiresAt.slice(0, 16)}.`}
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: link.url }} type="secondary">
              {zh ? "复制登录链接" : "Copy the link"}
            </Typography.Paragraph>
          </div>
        )}
      </Modal>
    </Card>
  );
}
