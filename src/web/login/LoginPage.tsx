import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useAuth } from "../app/auth";
import { useI18n } from "../app/i18n";
import { LanguageSwitch } from "../app/LanguageSwitch";
import { landingPath } from "../app/roles";
import { PageLoading } from "../components/PageLoading";

type Credentials = { username: string; password: string };

/** Where the user was going before the guard sent them here, if anywhere. */
function fromOf(state: unknown): string | undefined {
  if (typeof state !== "object" || state === null || !("from" in state)) return undefined;
  const from = (state as { from: unknown }).from;
  return typeof from === "string" && from.startsWith("/") && from !== "/login" ? from : undefined;
}

/** 用户名/密码; shows the server's own message on 401 (wrong credentials) and 423 (locked, until when). */
export default function LoginPage() {
  const { status, user, login } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [isSubmitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  if (status === "loading") return <PageLoading />;
  if (user && !isSubmitting) return <Navigate to={fromOf(location.state) ?? landingPath(user)} replace />;

  const onFinish = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const signedIn = await login(username.trim(), password);
      navigate(fromOf(location.state) ?? landingPath(signedIn), { replace: true });
    } catch (cause) {
      setError(cause instanceof Error && cause.message ? cause.message : t("login.failed"));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        padding: 16,
        background: "linear-gradient(180deg, #e6f4ff 0%, #f5f5f5 60%)",
      }}
    >
      <div style={{ position: "absolute", top: 12, right: 12 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: "100%", maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
          {t("app.title")}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          {t("app.subtitle")}
        </Typography.Paragraph>
        {error && (
          <Alert data-testid="login-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={isSubmitting}>
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
          >
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              size="large"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button
            data-testid="login-submit"
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={isSubmitting}
          >
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
