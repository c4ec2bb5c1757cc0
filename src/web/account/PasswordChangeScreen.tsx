import { LogoutOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Typography } from "antd";
import { useNavigate } from "react-router";
import { useAuth, useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { LanguageSwitch } from "../app/LanguageSwitch";
import { useAccountText } from "./account.messages";
import { PasswordChangeForm } from "./PasswordChangeForm";

/**
 * All a session that must change its password sees (first sign-in on an account an administrator
 * created, or an expired password): the form, the language switch and sign-out, no navigation.
 * Once the change succeeds the session is asked for again and the user goes on to the home page.
 */
export default function PasswordChangeScreen() {
  const user = useUser();
  const { logout, reload } = useAuth();
  const { t } = useI18n();
  const at = useAccountText();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const onChanged = async () => {
    message.success(at("done"));
    await reload();
    navigate("/", { replace: true });
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        padding: "56px 16px 16px",
        background: "linear-gradient(180deg, #e6f4ff 0%, #f5f5f5 60%)",
      }}
    >
      <Space size={4} style={{ position: "absolute", top: 12, right: 12 }}>
        <LanguageSwitch />
        <Button data-testid="logout" type="text" icon={<LogoutOutlined />} onClick={() => void logout()}>
          {t("nav.logout")}
        </Button>
      </Space>
      <Card data-testid="password-change-required" style={{ width: "100%", maxWidth: 440 }}>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {at("requiredTitle")}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {at("account", {
            name: user.displayName ? `${user.displayName}（${user.username}）` : user.username,
          })}
        </Typography.Paragraph>
        <Alert type="warning" showIcon title={at("requiredHint")} style={{ marginBottom: 16 }} />
        <PasswordChangeForm onChanged={onChanged} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {at("otherSessions")}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
