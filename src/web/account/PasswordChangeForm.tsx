import { Alert, Button, Form, Input, Space } from "antd";
import { useState } from "react";
import { passwordProblems, passwordRule } from "../../rules/password";
import { useI18n } from "../app/i18n";
import { useAccountText } from "./account.messages";
import { changePassword } from "./password.api";

type Fields = { currentPassword: string; newPassword: string; confirmPassword: string };

/**
 * 当前密码 · 新密码 · 确认新密码. The new one is checked against the shared rule before it is sent;
 * the server's own refusal (wrong current password, reused, weak) is shown as it says it.
 */
export function PasswordChangeForm({
  onChanged,
  onCancel,
}: {
  onChanged: () => Promise<void> | void;
  onCancel?: () => void;
}) {
  const { language } = useI18n();
  const at = useAccountText();
  const [form] = Form.useForm<Fields>();
  const [isSubmitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const onFinish = async ({ currentPassword, newPassword }: Fields) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await changePassword(currentPassword, newPassword);
      form.resetFields();
      await onChanged();
    } catch (cause) {
      setError(cause instanceof Error && cause.message ? cause.message : at("failed"));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {error && (
        <Alert
          data-testid="password-change-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        // The server's refusal concerns what was sent; editing starts afresh.
        onValuesChange={() => setError(undefined)}
        requiredMark={false}
        disabled={isSubmitting}
      >
        <Form.Item
          name="currentPassword"
          label={at("current")}
          rules={[{ required: true, message: at("currentRequired") }]}
        >
          <Input.Password data-testid="password-current" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={at("next")}
          extra={<span data-testid="password-rule">{passwordRule()[language]}</span>}
          rules={[
            { required: true, message: at("nextRequired") },
            {
              validator: async (_, value: string | undefined) => {
                const problems = value ? passwordProblems(value) : [];
                if (problems.length) {
                  throw new Error(problems.map((p) => p[language]).join(language === "zh" ? "；" : "; "));
                }
              },
            },
          ]}
        >
          <Input.Password data-testid="password-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={at("confirm")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: at("confirmRequired") },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue("newPassword")) throw new Error(at("mismatch"));
              },
            }),
          ]}
        >
          <Input.Password data-testid="password-confirm" autoComplete="new-password" />
        </Form.Item>
        <Space style={{ width: "100%", justifyContent: "flex-end" }} wrap>
          {onCancel && <Button onClick={onCancel}>{at("cancel")}</Button>}
          <Button
            data-testid="password-change-submit"
            type="primary"
            htmlType="submit"
            loading={isSubmitting}
          >
            {at("submit")}
          </Button>
        </Space>
      </Form>
    </>
  );
}
